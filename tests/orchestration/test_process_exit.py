"""A refresh ends without the interpreter's teardown, and loses nothing sys.exit would keep."""

import subprocess
import sys
import textwrap

from orchestration.settings import PROJECT_ROOT


def _run(script: str, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=60, env={"TMP_PATH": str(tmp_path), "PATH": ""})


def test_exit_handlers_run_output_is_flushed_and_the_status_is_kept(tmp_path):
    completed = _run("""
        import atexit, logging, os, pathlib, sys
        from orchestration.process_exit import exit_skipping_teardown
        folder = pathlib.Path(os.environ["TMP_PATH"])
        atexit.register(lambda: (folder / "handler_ran").write_text("yes"))
        handler = logging.FileHandler(folder / "refresh.log")
        logging.getLogger("refresh").addHandler(handler)
        logging.getLogger("refresh").warning("written before the exit")
        print("a line still in stdout's buffer", end="")
        print("and one in stderr's", end="", file=sys.stderr)
        exit_skipping_teardown(3)
        """, tmp_path)

    assert completed.returncode == 3
    assert completed.stdout == "a line still in stdout's buffer"
    assert completed.stderr == "and one in stderr's"
    assert (tmp_path / "handler_ran").read_text() == "yes"
    assert (tmp_path / "refresh.log").read_text() == "written before the exit\n"


def test_threads_still_at_work_are_waited_for(tmp_path):
    completed = _run("""
        import os, pathlib, threading, time
        from orchestration.process_exit import exit_skipping_teardown
        folder = pathlib.Path(os.environ["TMP_PATH"])
        def finish_late():
            time.sleep(0.5)
            (folder / "thread_finished").write_text("yes")
        threading.Thread(target=finish_late).start()
        exit_skipping_teardown(0)
        """, tmp_path)

    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "thread_finished").read_text() == "yes"


def test_the_teardown_is_skipped(tmp_path):
    # An object freed only by the teardown's garbage collection says so from its finaliser.
    completed = _run("""
        from orchestration.process_exit import exit_skipping_teardown
        class InACycle:
            def __del__(self):
                print("collected by the teardown")
        cycle = InACycle()
        cycle.itself = cycle
        exit_skipping_teardown(0)
        """, tmp_path)

    assert completed.returncode == 0, completed.stderr
    assert "collected by the teardown" not in completed.stdout
