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

# Every sample input, each into out/<its folder>/, then the NĐ 30 check of everything produced.
# The kind of each input is its top-level `kind:` line.
SAMPLE_INPUTS := $(shell find samples -name '*.yaml' | sort)

demo: $(VENV)/.installed
	rm -rf $(OUT)
	@set -e; for f in $(SAMPLE_INPUTS); do \
	  kind=$$(sed -n 's/^kind: *//p' $$f); dir=$(OUT)/$$(dirname $${f#samples/}); \
	  $(BIN)/hoso render $$kind $$f -o $$dir; \
	done
	$(BIN)/hoso check $$(find $(OUT) -name '*.docx' | sort)
	@if command -v soffice >/dev/null 2>&1; then $(BIN)/hoso pdf $$(find $(OUT) -name '*.docx' | sort); \
	else echo "Chưa tạo bản PDF vì chưa có LibreOffice: sudo apt-get install --no-install-recommends libreoffice-writer-nogui fonts-liberation2 poppler-utils, rồi chạy lại make demo."; fi

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# Rewrite the committed expectations of the golden read-back tests from the current output.
golden: $(VENV)/.installed-test
	$(BIN)/python -m pytest tests/test_golden.py --update-golden

clean:
	rm -rf $(OUT) .pytest_cache
