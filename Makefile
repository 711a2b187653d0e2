# Two commands on a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The demo's own folder: `make demo` replaces it and nothing else (README examples write to out/).
DEMO   ?= out/demo
DEMO_MARK := .make-demo

.PHONY: demo test test-fast wheel golden clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Reinstall when the project metadata changes; the stamp files record the last install.
$(VENV)/.installed: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

# Every sample input, each into $(DEMO)/<its folder>/, then the NĐ 30 check of everything produced.
# The kind of each input is its top-level `kind:` line. Built in a temporary folder beside $(DEMO)
# and renamed into place at the end, so a failed run leaves the previous demo whole; its progress
# lines name the files where they will be, under $(DEMO)/. $(DEMO) is replaced only when an
# earlier `make demo` made it (it holds $(DEMO_MARK)): never a user's folder.
SAMPLE_INPUTS := $(shell find samples -name '*.yaml' | sort)

demo: $(VENV)/.installed
	@set -e; \
	if [ -e $(DEMO) ] && [ ! -e $(DEMO)/$(DEMO_MARK) ]; then \
	  echo "Thư mục $(DEMO) đã có và không do make demo tạo ra nên không bị ghi đè; chọn thư mục khác: make demo DEMO=<thư mục>."; \
	  exit 1; \
	fi; \
	mkdir -p $(dir $(DEMO)); \
	tmp=$$(mktemp -d $(DEMO).tmp-XXXXXX); trap 'rm -rf "$$tmp" "$$tmp.status"' EXIT; trap 'exit 130' INT TERM; \
	echo 1 > "$$tmp.status"; \
	{ ( set -e; export PYTHONUNBUFFERED=1; \
	  for f in $(SAMPLE_INPUTS); do \
	    kind=$$(sed -n 's/^kind: *//p' $$f); dir=$$tmp/$$(dirname $${f#samples/}); \
	    $(BIN)/hoso render $$kind $$f -o $$dir; \
	  done; \
	  $(BIN)/hoso check $$(find $$tmp -name '*.docx' | sort); \
	  if command -v soffice >/dev/null 2>&1; then $(BIN)/hoso pdf $$(find $$tmp -name '*.docx' | sort); \
	  else echo "Chưa tạo bản PDF vì chưa có LibreOffice: sudo apt-get install --no-install-recommends libreoffice-writer-nogui fonts-liberation2 poppler-utils, rồi chạy lại make demo."; fi \
	) 2>&1; echo $$? > "$$tmp.status"; } | sed "s|$$tmp/|$(DEMO)/|g"; \
	[ "$$(cat "$$tmp.status")" = 0 ]; \
	touch $$tmp/$(DEMO_MARK); chmod 755 $$tmp; rm -rf $(DEMO); mv $$tmp $(DEMO); \
	echo "Các văn bản mẫu ở $(DEMO)/"; \
	echo "Mở bàn làm việc trên trình duyệt: $(BIN)/hoso serve"

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# Everything but the tests marked slow (real LibreOffice and browser, the wheel install): under a minute.
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not slow" -n auto

# The wheel to install elsewhere (pip install dist/hoso-*.whl), built from a fresh setuptools
# build folder: an old one may still hold files since removed from the project.
wheel: $(VENV)/.installed
	rm -rf build
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir dist .
	rm -rf build
	@ls dist/hoso-*.whl

# Rewrite the committed expectations of the golden read-back tests from the current output.
golden: $(VENV)/.installed-test
	$(BIN)/python -m pytest tests/test_golden.py --update-golden

# What make made; out/ beside the demo is the user's.
clean:
	@if [ -e $(DEMO)/$(DEMO_MARK) ]; then rm -rf $(DEMO); fi
	rm -rf .pytest_cache build dist
