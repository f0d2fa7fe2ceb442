"""The official tables in a QTableView: the Qt model over the report, the view, its delegate and sticky header."""
