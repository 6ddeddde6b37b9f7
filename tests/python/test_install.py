"""cmake --install puts the module (and its stubs) where the interpreter it was built for looks."""
import glob
import os
import subprocess
import sys
import sysconfig

BUILD_DIR = os.path.dirname(os.path.dirname(os.path.abspath(
    __import__("newsdex").__file__)))  # the module is BUILD/python/newsdex.*.so


def test_installed_module_imports_from_the_prefix(tmp_path, corpus_db):
    prefix = tmp_path / "prefix"
    done = subprocess.run(["cmake", "--install", BUILD_DIR, "--prefix", str(prefix)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    modules = glob.glob(str(prefix / "lib" / "**" / ("newsdex" + sysconfig.get_config_var("EXT_SUFFIX"))),
                        recursive=True)
    assert len(modules) == 1, modules
    site = os.path.dirname(modules[0])
    assert os.path.isfile(os.path.join(site, "newsdex.pyi"))
    relative = os.path.relpath(site, prefix)
    if "deb_system" in sysconfig.get_scheme_names():  # Debian's python3: what it reads under /usr/local
        assert os.path.join("/usr/local", relative) in sys.path
    probe = ("import newsdex, sys; s = newsdex.Searcher(sys.argv[1]); "
             "print(newsdex.__file__); print(s.search('Kursk surrender')['hits'][0]['id'])")
    env = dict(os.environ, PYTHONPATH=site)
    done = subprocess.run([sys.executable, "-c", probe, os.path.abspath(corpus_db)], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [modules[0], "afp-2025-03-14-kursk-ceasefire"]
