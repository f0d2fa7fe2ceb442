"""Performance benchmarks for nianbao — run with `uv run python -m benchmarks` (never by pytest).

Every figure is compared with a bare baseline measured in the same run on the same machine, because
absolute milliseconds say more about the PC than about the app:

  cold start      main.py to the first painted window   vs  a bare PySide6 QWidget       target ≤ 1.3×
  import          model.importers.import_file(.docx)    vs  docx.Document(same file)     target ≤ 2×
  DOCX export     export.docx_writer.docx_bytes(sample) vs  python-docx writing the same three tables
                                                                                         target ≤ 1.5×
  re-check        model.checks.check after one SetCell                                   target < 2 ms
  peak memory     RSS high-water mark of the GUI once its first window is painted        (reported)

Cold-start and memory figures come from fresh subprocesses, app and baseline interleaved run by run;
import/export run in fresh subprocesses per side (ours / bare), alternating over seven rounds with the
repeats pooled, so the first call (module imports included) and the warm median are both honest and a
burst of load, or a slow process on a small VM, hits both sides alike. Parts whose modules have not landed print 未就绪 instead of failing.
"""

from __future__ import annotations
