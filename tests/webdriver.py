"""A minimal W3C WebDriver client (Python 3 standard library only) for the
browser tests: Debian's chromium driven by its chromedriver, headless.

No selenium: CI installs Debian packages only (tools/install-deps.sh).
"""
import base64
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

# WebDriver's key codes (W3C WebDriver, "Keys").
ENTER = "\ue007"
ESCAPE = "\ue00c"
ARROW_DOWN = "\ue015"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriverError(RuntimeError):
    pass


class Chromium:
    """One chromedriver process and one headless chromium session."""

    def __init__(self, download_dir, width=1280, height=800,
                 chromedriver="chromedriver", binary="/usr/bin/chromium"):
        self.port = free_port()
        self.driver = subprocess.Popen(
            [chromedriver, "--port=%d" % self.port],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = "http://127.0.0.1:%d" % self.port
        self.session = None
        deadline = time.time() + 20
        while True:
            try:
                self._call("GET", "/status")
                break
            except (urllib.error.URLError, ConnectionError, WebDriverError):
                if time.time() > deadline or self.driver.poll() is not None:
                    self.quit()
                    raise WebDriverError("chromedriver did not start")
                time.sleep(0.1)
        options = {
            "binary": binary,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=%d,%d" % (width, height),
                     "--hide-scrollbars"],
            "prefs": {"download.default_directory": download_dir,
                      "download.prompt_for_download": False,
                      "download.directory_upgrade": True,
                      "safebrowsing.enabled": False},
        }
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options,
            "goog:loggingPrefs": {"browser": "ALL"}}}}
        try:
            value = self._call("POST", "/session", caps)
        except Exception:
            self.quit()
            raise
        self.session = value["sessionId"]
        # The viewport itself at width x height (the window's frame would
        # otherwise take part of it).
        try:
            self.cdp("Emulation.setDeviceMetricsOverride",
                     {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        except WebDriverError:
            pass
        # Headless chromium may ignore the download prefs: allow downloads
        # into the same folder through the DevTools protocol as well.
        try:
            self.cdp("Browser.setDownloadBehavior",
                     {"behavior": "allow", "downloadPath": download_dir})
        except WebDriverError:
            pass

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                payload = json.loads(resp.read().decode() or "{}")
        except urllib.error.HTTPError as e:
            raise WebDriverError("%s %s: %s" % (method, path, e.read().decode(errors="replace")))
        return payload.get("value")

    def _session(self, method, path, body=None):
        return self._call(method, "/session/%s%s" % (self.session, path), body)

    def cdp(self, cmd, params):
        return self._session("POST", "/goog/cdp/execute", {"cmd": cmd, "params": params})

    def get(self, url):
        self._session("POST", "/url", {"url": url})

    def script(self, source, *args):
        return self._session("POST", "/execute/sync", {"script": source, "args": list(args)})

    def wait_for(self, source, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = self.script(source)
            if value:
                return value
            time.sleep(0.05)
        raise WebDriverError("timed out waiting for: " + source)

    def element(self, css):
        value = self._session("POST", "/element", {"using": "css selector", "value": css})
        return next(iter(value.values()))

    def click(self, element):
        self._session("POST", "/element/%s/click" % element, {})

    def send_keys_to(self, element, text):
        """Element Send Keys: real key events into one element."""
        self._session("POST", "/element/%s/value" % element, {"text": text})

    def keys(self, text):
        """WebDriver Actions: each character (or key code) pressed and released
        on whatever has the focus."""
        actions = []
        for ch in text:
            actions += [{"type": "keyDown", "value": ch}, {"type": "keyUp", "value": ch}]
        self._session("POST", "/actions", {"actions": [
            {"type": "key", "id": "keyboard", "actions": actions}]})
        self._session("DELETE", "/actions")

    def browser_log(self):
        for path in ("/se/log", "/log"):
            try:
                return self._session("POST", path, {"type": "browser"}) or []
            except WebDriverError:
                continue
        raise WebDriverError("chromedriver offers no browser log")

    def screenshot(self, path):
        png = base64.b64decode(self._session("GET", "/screenshot"))
        with open(path, "wb") as f:
            f.write(png)

    def quit(self):
        if self.session:
            try:
                self._session("DELETE", "")
            except Exception:
                pass
            self.session = None
        if self.driver.poll() is None:
            self.driver.terminate()
            try:
                self.driver.wait(10)
            except subprocess.TimeoutExpired:
                self.driver.kill()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.quit()


def wait_for_file(path, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if os.path.exists(path) and os.path.getsize(path) > 0:
            return True
        time.sleep(0.1)
    return False
