# plancalc's only task runner. `make serve` and `make test` set up everything they need on a
# fresh machine (Rust wasm target, wasm-bindgen-cli, npm packages, Chromium) and skip what is there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
export PATH := $(HOME)/.cargo/bin:$(PATH)

PORT ?= 8080
WASM_TARGET := wasm32-unknown-unknown
# wasm-bindgen-cli must be exactly the wasm-bindgen version that Cargo.lock pins.
WB_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' Cargo.lock)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
NPM_STAMP := www/node_modules/.installed
WASM := www/pkg/plancalc_bg.wasm
EMBED_WASM := www/pkg/plancalc_embed_bg.wasm
READER_WASM := www/pkg/plancalc_reader_bg.wasm
XLSX_WASM := www/pkg/plancalc_xlsx_bg.wasm
ELEMENT := www/plan-calc.js
PAGE := www/page.js
RUST_SOURCES := Cargo.toml Cargo.lock $(shell find src -name '*.rs')
WASM_OPT_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-reference-types --enable-multivalue
BROWSER_ENV := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver

.PHONY: help serve build dist size test test-native lint test-wasm test-e2e test-office bench fuzz setup-rust setup-browser setup-office clean

help:
	@echo "make serve   build the calculator and serve www/ on http://127.0.0.1:$(PORT)/ (PORT=… to change)"
	@echo "make test    install what the tests need, then run native, wasm-in-Chromium and end-to-end tests"
	@echo "make build   build and optimise the wasm into www/pkg/"
	@echo "make dist    the folder a portal team copies (dist/plancalc/) and the one-file offline page"
	@echo "make size    the gzipped size of each part of the embed"
	@echo "make bench   benchmark native and wasm-in-Chromium; writes BENCHMARKS.md"
	@echo "make fuzz    run the fuzzer for SECONDS (default 600; SEED=… to repeat a run); findings go to fuzz-findings/"

## Set-up: each step checks first and does nothing when it is already done.

setup-rust:
	@rustup target list --installed | grep -qx '$(WASM_TARGET)' || rustup target add $(WASM_TARGET)
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WB_VERSION)" ]; then \
		echo "installing wasm-bindgen-cli $(WB_VERSION) (the version in Cargo.lock)"; \
		cargo install wasm-bindgen-cli --version $(WB_VERSION); \
	fi

$(NPM_STAMP): www/package.json www/package-lock.json
	cd www && npm ci --no-audit --no-fund
	@touch $@

# Chromium and its driver for the browser tests, and a small CJK font so that screenshots are legible.
BROWSER_PACKAGES := chromium chromium-driver fonts-wqy-microhei
setup-browser:
	@missing=$$(for p in $(BROWSER_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y $$missing; \
	fi

# LibreOffice Calc and its Python bridge, for the workbook tests (a real spreadsheet engine opens what we export).
OFFICE_PACKAGES := libreoffice-calc-nogui python3-uno
setup-office:
	@missing=$$(for p in $(OFFICE_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

## Build

build: $(WASM) $(PAGE) $(ELEMENT) $(READER_WASM) $(XLSX_WASM)

# The page's wasm, built for speed (profile `release`, wasm-opt -O3), without the plan-text reader.
$(WASM): $(RUST_SOURCES) | setup-rust $(NPM_STAMP)
	cargo build --release --no-default-features --features page --target $(WASM_TARGET) --lib
	wasm-bindgen --target web --out-dir www/pkg target/$(WASM_TARGET)/release/plancalc.wasm
	www/node_modules/.bin/wasm-opt -O3 --strip-debug --strip-producers $(WASM_OPT_FEATURES) $@ -o $@.opt && mv $@.opt $@
	@$(call report,$@ www/pkg/plancalc.js)

# The element's wasm, built for size (profile `embed`, without the page-only feature, wasm-opt -Oz; flattening and
# re-looping the control flow before a second -Oz saves another ~1 KB gzipped for ~20 s of build). Small is also what
# opens a plan soonest: the engine compiles each function as it first runs, so a first `new PlanSession`, results and
# summary took 44 ms for this build against 65, 68 and 73 ms for opt-level s, 3 and 2 with wasm-opt -Os, -O3 and -O2
# (143.5, 168.8 and 165.7 KB gzipped; CPU throttled 4×, medians of 7 fresh pages each, 2026-12-01).
$(EMBED_WASM): $(RUST_SOURCES) | setup-rust $(NPM_STAMP)
	cargo build --profile embed --no-default-features --target $(WASM_TARGET) --lib
	wasm-bindgen --target web --out-dir www/pkg --out-name plancalc_embed target/$(WASM_TARGET)/embed/plancalc.wasm
	www/node_modules/.bin/wasm-opt -Oz --flatten --rereloop -Oz --converge --strip-debug --strip-producers $(WASM_OPT_FEATURES) $@ -o $@.opt && mv $@.opt $@
	@$(call report,$@ www/pkg/plancalc_embed.js)

# The plan-text reader's wasm, loaded by the page's text worker when a planner first reads a plan's text.
$(READER_WASM): $(RUST_SOURCES) | setup-rust $(NPM_STAMP)
	cargo build --profile reader --no-default-features --features reader --target $(WASM_TARGET) --lib
	wasm-bindgen --target web --out-dir www/pkg --out-name plancalc_reader target/$(WASM_TARGET)/reader/plancalc.wasm
	www/node_modules/.bin/wasm-opt -O3 --strip-debug --strip-producers $(WASM_OPT_FEATURES) $@ -o $@.opt && mv $@.opt $@
	@$(call report,$@ www/pkg/plancalc_reader.js)

# The workbook build (.xlsx import and export), loaded by the page's workbook worker on first use.
$(XLSX_WASM): $(RUST_SOURCES) | setup-rust $(NPM_STAMP)
	cargo build --profile xlsx --no-default-features --features xlsx --target $(WASM_TARGET) --lib
	wasm-bindgen --target web --out-dir www/pkg --out-name plancalc_xlsx target/$(WASM_TARGET)/xlsx/plancalc.wasm
	www/node_modules/.bin/wasm-opt -O3 --strip-debug --strip-producers $(WASM_OPT_FEATURES) $@ -o $@.opt && mv $@.opt $@
	@$(call report,$@ www/pkg/plancalc_xlsx.js)

# The element as one module: www/element.js with the modules it imports (its glue, format.js, words.js, card.js)
# bundled by esbuild into www/plan-calc.js, the file a portal's page loads. One request and one module instead of
# five: on the slow-PC profile its module ran 15–60 ms sooner (median) in each of five interleaved batches of 21–25
# runs. Not minified, so that a portal's developer can read what runs in their page. What mode="full"
# loads on first use (ui/plan-calc-full.js, the page's core) stays separate.
$(ELEMENT): www/element.js $(wildcard www/ui/*.js) $(EMBED_WASM) | $(NPM_STAMP)
	www/node_modules/.bin/esbuild www/element.js --bundle --format=esm --log-level=warning \
		--external:./pkg/plancalc.js --external:./ui/plan-calc-full.js --outfile=$@
	@$(call report,$@)

# The planner's page as one module: www/app.js with everything it imports (its glue and www/ui/*) bundled by esbuild
# into www/page.js, the script index.html loads; its workers and their cores stay separate. One request instead of
# nineteen: on the slow-PC profile its first figures came 73–97 ms sooner (medians of two interleaved batches; see
# index.html). Not minified: what runs in the browser reads as the source does, and minified it was no faster.
$(PAGE): www/app.js $(wildcard www/ui/*.js) $(WASM) | $(NPM_STAMP)
	www/node_modules/.bin/esbuild www/app.js --bundle --format=esm --log-level=warning --outfile=$@
	@$(call report,$@)

report = for f in $(1); do printf '%-32s %8d bytes, %7d bytes gzipped\n' "$$f" "$$(wc -c < $$f)" "$$(gzip -9c $$f | wc -c)"; done

# The embed: what a portal copies, with nothing the page alone needs and nothing from node_modules.
RUNTIME = plan-calc.js pkg/plancalc_embed_bg.wasm plan-calc.css
# What mode="full" loads when a reader first asks for it (the page's core, explanations, goal-seek answers).
LAZY = pkg/plancalc.js pkg/plancalc_bg.wasm ui/plan-calc-full.js ui/render.js ui/i18n.js ui/card.js ui/format.js ui/words.js
EMBED = $(RUNTIME) $(LAZY) pkg/plancalc_embed.d.ts
dist: $(ELEMENT) $(WASM) $(READER_WASM) $(XLSX_WASM) $(NPM_STAMP)
	rm -rf dist/plancalc && mkdir -p dist/plancalc/pkg dist/plancalc/ui dist/plancalc/presets
	cd www && cp --parents $(EMBED) ../dist/plancalc/
	cp www/presets/*.json dist/plancalc/presets/
	cp www/embed-example.html www/embed-example.css www/embed-example.js www/favicon.png dist/plancalc/
	cp www/embed.html www/embed.css www/embed.js www/plan-calc-frame.js dist/plancalc/
	node tools/onefile.mjs --out dist/plancalc-offline.html
	@echo "dist/plancalc/ is ready to copy; open embed-example.html from it to try it"
	@echo "dist/plancalc-offline.html is the planner's page in one file: it works opened from disk (file://)"

size: $(ELEMENT) $(WASM)
	@total=0; for f in $(RUNTIME); do \
		n=$$(gzip -9c www/$$f | wc -c); total=$$((total + n)); printf '%-28s %8d bytes gzipped\n' "$$f" "$$n"; \
	done; printf '%-28s %8d bytes gzipped (budget 150000)\n' "embed total" "$$total"
	@echo "loaded only by mode=\"full\", when first asked for:"
	@for f in $(LAZY); do printf '  %-26s %8d bytes gzipped\n' "$$f" "$$(gzip -9c www/$$f | wc -c)"; done

serve: $(WASM) $(PAGE) $(ELEMENT) $(READER_WASM) $(XLSX_WASM)
	node tools/serve.mjs --port $(PORT)

## Tests, in order: native, wasm in headless Chromium, end to end in Chromium.

test: test-native lint test-office test-wasm test-e2e

test-native:
	cargo test

lint:
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --no-default-features -- -D warnings
	cargo clippy --lib --no-default-features --features page -- -D warnings
	cargo clippy --lib --no-default-features --features reader -- -D warnings
	cargo clippy --lib --no-default-features --features xlsx -- -D warnings

# The exported workbooks opened, recalculated and edited by LibreOffice Calc (tests/office.rs; ignored by a plain
# `cargo test`, which may run where LibreOffice is not installed).
test-office: setup-office
	cargo test --test office -- --ignored

test-wasm: setup-rust setup-browser
	$(BROWSER_ENV) cargo test --target $(WASM_TARGET) --test wasm

test-e2e: $(WASM) $(PAGE) $(ELEMENT) $(READER_WASM) $(XLSX_WASM) $(NPM_STAMP) setup-browser
	node --test --test-concurrency=1 tests/node/*.test.mjs tests/e2e/*.test.mjs

## Benchmarks: native (cargo bench) and through the JS API in headless Chromium, into BENCHMARKS.md.

bench: $(WASM) $(PAGE) $(ELEMENT) $(READER_WASM) $(XLSX_WASM) $(NPM_STAMP) setup-browser
	node tools/bench.mjs

# The fuzzer (tests/fuzzer/mod.rs), optimised with overflow checks on. `make test` runs a short deterministic slice of
# it (tests/fuzz.rs); this runs it for as long as asked and writes a minimised reproducer per finding.
SECONDS ?= 600
fuzz:
	cargo run --profile fuzz --example fuzz -- --seconds $(SECONDS) --out fuzz-findings $(if $(SEED),--seed $(SEED),)

clean:
	cargo clean
	rm -rf www/pkg www/plan-calc.js www/page.js test-artifacts
