"""Runs one pytest file of the Python module's tests (CTest label python).

usage: run.py TEST_FILE MODULE_DIR NEWSDEX_INDEX NEWSDEX_SEARCH CORPUS_DB SOURCE_DIR

The module is imported from MODULE_DIR (the build tree), as README "Python"
says; the CLI binaries and the indexed corpus/ are what it is compared with.
Exits 77 (CTest: skipped) when pytest is not installed.
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

if len(sys.argv) != 7:
    sys.exit(__doc__)
test_file, module_dir, index_bin, search_bin, corpus_db, source_dir = sys.argv[1:]
try:
    import pytest
except ImportError:
    print("skip: pytest is not installed for %s (Debian package python3-pytest; scripts/install-deps)"
          % sys.executable)
    sys.exit(77)

os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
os.environ["PYTHONPATH"] = module_dir + os.pathsep + os.environ.get("PYTHONPATH", "")
sys.path.insert(0, module_dir)
os.environ.update(NEWSDEX_TEST_INDEX=index_bin, NEWSDEX_TEST_SEARCH=search_bin,
                  NEWSDEX_TEST_DB=corpus_db, NEWSDEX_TEST_SOURCE=source_dir)
sys.exit(pytest.main([test_file, "-q", "-p", "no:cacheprovider", "-rs"]))
