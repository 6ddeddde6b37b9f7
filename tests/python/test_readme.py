"""The README's Python example, run as a doctest (its outputs are checked)."""
import doctest
import os
import re

import newsdex


def readme_example(source):
    with open(os.path.join(source, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    section = readme[readme.index("\n## Python\n"):]
    section = section[:section.index("\n## ", 1)]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "README \"Python\" should have one python example"
    return blocks[0]


def test_the_readme_example_runs_as_shown(cli, tmp_path, monkeypatch):
    example = readme_example(cli.source)
    assert ">>> import newsdex" in example
    monkeypatch.chdir(tmp_path)
    os.symlink(os.path.join(cli.source, "corpus"), "corpus")  # the example indexes corpus/, like the quick start
    test = doctest.DocTestParser().get_doctest(example, {"newsdex": newsdex}, "README.md Python", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    failures = []
    runner.run(test, out=failures.append)
    assert runner.failures == 0, "".join(failures)
    assert runner.tries >= 8
    assert (tmp_path / "news.db").is_dir()
