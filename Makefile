# Two commands on a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: demo test golden clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Reinstall when the project metadata changes; the stamp files record the last install.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/hoso render plan samples/plan/ke-hoach-2016.yaml -o $(OUT)/plan
	$(BIN)/hoso render plan samples/plan/hostile.yaml -o $(OUT)/plan-hostile
	$(BIN)/hoso check $(OUT)/plan/*.docx $(OUT)/plan-hostile/*.docx

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# Rewrite the committed expectations of the golden read-back tests from the current output.
golden: $(VENV)/.installed-test
	$(BIN)/python -m pytest tests/test_golden.py --update-golden

clean:
	rm -rf $(OUT) .pytest_cache
