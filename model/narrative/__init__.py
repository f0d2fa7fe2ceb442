"""The narrative checks: what the text says against the tables, the report year and last year's text.

No Qt. `facts` reads number statements and compares them with table cells, `numerals` reads numbers as
clerks write them, `findings` turns what they find into `model.checks.Finding`s. The patterns, words and
thresholds are data in each format file under ``narrative``.
"""
