#!/usr/bin/env bash
# Sourced by .ci/run (as root, on a fresh Debian machine): installs
# Debian's headless-capable Chromium and its chromedriver for the browser
# test of the web page (crates/serve/tests/browser.rs), and exports
# DYAD_REQUIRE_BROWSER=1 so that test fails instead of skipping when the
# browser is missing. When the install fails it says so; the browser test
# then fails with a message naming what is missing.

_dyad_chromium_setup() {
    if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
        return 0
    fi
    echo "installing chromium and chromium-driver"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        chromium chromium-driver >/dev/null || return 1
}

if _dyad_chromium_setup; then
    echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
    echo "chromedriver: $(/usr/bin/chromedriver --version 2>/dev/null | head -n 1)"
else
    echo "setup-chromium: could not install chromium and chromium-driver; the browser test will fail" >&2
fi
export DYAD_REQUIRE_BROWSER=1
unset -f _dyad_chromium_setup
