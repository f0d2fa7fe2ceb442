"""Writers: Report → .docx (publication format), .xlsx (the three tables), .html (for a website CMS).

Pure functions, no Qt. `export_all` is what the CLI and the GUI call.
"""
from __future__ import annotations
