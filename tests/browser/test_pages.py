#!/usr/bin/python3
"""The pages of lexgit serve in a real browser (headless Chromium via Selenium).

Builds a document repository with lexgit (the bundled corpus, then a revision
of the agreement that renumbers parts, raises the liability cap and adds a
clause holding <script>), starts the server on a free port, and drives the
weekly flows: the corpus on a date, a redline (changes marked, jump, filter),
a question, a notice preview for a pasted draft, markup shown as text, Chinese
rendered, no horizontal scroll at 375 px.

Usage: test_pages.py --lexgit LEXGIT --source SOURCE_DIR
Exit 77 (skipped) only when Chromium or its driver is not installed.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
AUTHOR = "渠道管理部 <channel@qingcloud.example>"
SCRIPT = "<script>alert(1)</script>"
# The same markup as a Markdown author writes it to mean the characters, not
# HTML (raw HTML in a document is not clause text).
SCRIPT_SOURCE = r"\<script\>alert(1)\</script\>"
ARGS = None


def missing_browser():
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(p)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("python3-selenium")
    return missing


def run(*cmd, cwd=None):
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def revision(agreement):
    """The 2026 revision: a part before 六, a higher cap, a clause holding markup."""
    s = agreement.replace("published: 2025-01-01", "published: 2026-03-01").replace("effective: 2025-01-01", "effective: 2026-04-01")
    for old, new in (("十一", "十二"), ("十", "十一"), ("九", "十"), ("八", "九"), ("七", "八"), ("六", "七")):
        s = s.replace("### %s． " % old, "### %s． " % new, 1)
    s = s.replace("### 七． 市场营销基金和推广计划", "### 六． 数据与安全\n\n双方应采取必要的安全措施保障数据安全。\n\n### 七． 市场营销基金和推广计划", 1)
    s = s.replace("最多 10 万人民币", "最多 20 万人民币", 1)
    return s.replace("11. 双方都将遵守所有适用的法律和条规，包括进出口法律；\n",
                     "11. 双方都将遵守所有适用的法律和条规，包括进出口法律；\n\n12. 合作伙伴不得在页面中嵌入" + SCRIPT_SOURCE + "代码；\n", 1)


def make_repository(lexgit, source, repo):
    run(lexgit, "init", repo)
    shutil.copy(os.path.join(source, "corpus/agreement/partner-framework.md"), repo)
    samples = os.path.join(source, "corpus/samples")
    for name in os.listdir(samples):
        if name != "README.md":
            shutil.copy(os.path.join(samples, name), repo)
    run(lexgit, "-C", repo, "commit", "-m", "收录合作伙伴协议与规范性文件", "--author", AUTHOR)
    path = os.path.join(repo, "partner-framework.md")
    with open(path, encoding="utf-8") as f:
        agreement = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(revision(agreement))
    run(lexgit, "-C", repo, "commit", "-m", "新增数据与安全部分，提高赔偿上限", "--author", AUTHOR)


class Pages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        cls.tmp = tempfile.mkdtemp(prefix="lexgit-browser-")
        cls.repo = os.path.join(cls.tmp, "docs")
        make_repository(ARGS.lexgit, ARGS.source, cls.repo)
        with open(os.path.join(cls.repo, "partner-framework.md"), encoding="utf-8") as f:
            cls.revised = f.read()
        cls.server = subprocess.Popen([ARGS.lexgit, "-C", cls.repo, "serve", "--port", "0"], stdout=subprocess.PIPE, text=True)
        line = cls.server.stdout.readline().strip()
        port = re.search(r"http://[^/]*:(\d+)/", line)
        if not port:
            cls.server.kill()
            raise RuntimeError("the server printed no port: %r" % line)
        cls.base = "http://127.0.0.1:%s" % port.group(1)

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900",
                    "--user-data-dir=" + os.path.join(cls.tmp, "profile")):
            options.add_argument(arg)
        cls.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        cls.driver.set_page_load_timeout(60)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.terminate()
        cls.server.wait(timeout=10)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def open(self, path):
        self.driver.get(self.base + path)
        return self.driver

    def css(self, selector):
        from selenium.webdriver.common.by import By
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def wait_for(self, selector, seconds=20):
        """The elements a page reached by a click or a form shows, once it has loaded."""
        from selenium.webdriver.support.ui import WebDriverWait
        WebDriverWait(self.driver, seconds).until(lambda d: self.css(selector))
        return self.css(selector)

    def wait_until(self, condition, seconds=20):
        """Waits for a page reached by a click to show what `condition` checks."""
        from selenium.webdriver.support.ui import WebDriverWait
        WebDriverWait(self.driver, seconds).until(lambda d: condition())

    def body_text(self):
        return self.css("body")[0].text

    def test_corpus_on_a_date_in_chinese(self):
        d = self.open("/?at=2026-05-01")
        self.assertEqual(d.execute_script("return document.documentElement.lang"), "zh-CN")
        text = self.body_text()
        self.assertIn("青云合作伙伴框架协议", text)
        self.assertIn("修订时间线", text)
        self.assertIn("2026年5月1日", text)
        self.assertTrue(self.css("tr.in-force"), "the timeline marks the version in force")
        self.assertTrue(self.css("tr.superseded"), "and the one it superseded")
        font = d.execute_script("return getComputedStyle(document.body).fontFamily")
        self.assertIn("Noto Sans CJK SC", font)
        # The English switch, kept when a link is followed.
        self.css("header .lang")[0].click()
        self.wait_until(lambda: d.execute_script("return document.documentElement.lang") == "en")
        self.assertEqual(d.execute_script("return document.documentElement.lang"), "en")
        self.assertIn("Timeline of revisions", self.body_text())
        link = self.css("header nav a")[1]
        target = link.get_attribute("href")
        link.click()
        self.wait_until(lambda: d.current_url == target)
        self.assertEqual(d.execute_script("return document.documentElement.lang"), "en")
        self.open("/?lang=zh")

    def test_redline_marks_changes_jumps_and_filters(self):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        d = self.open("/?at=2026-05-01")
        links = [a for a in self.css("table.timeline a") if a.text == "对照上一版"]
        self.assertTrue(links, "the timeline links each revision to its redline")
        links[0].click()
        self.wait_until(lambda: "/diff" in d.current_url)
        self.assertIn("/diff", d.current_url)
        self.assertTrue(self.css(".changes ins"), "insertions are marked")
        self.assertTrue(self.css(".changes del"), "deletions are marked")
        self.assertTrue(any("20 万人民币" in e.text for e in self.css(".changes ins")))
        # j jumps to the first change, then the next; k back.
        body = d.find_element(By.TAG_NAME, "body")
        body.send_keys("j")
        self.assertEqual(d.execute_script("return location.hash"), "#c1")
        body.send_keys("j")
        self.assertEqual(d.execute_script("return location.hash"), "#c2")
        body.send_keys("k")
        self.assertEqual(d.execute_script("return location.hash"), "#c1")
        # The list of changes jumps too.
        self.css("nav.jump ol a")[2].click()
        self.assertEqual(d.execute_script("return location.hash"), "#c3")
        # Filters: only added clauses left.
        for box in self.css("form.filters input[name=kind]"):
            if (box.get_attribute("value") == "added") != box.is_selected():
                box.click()
        added = [c for c in self.css(".changes .change") if c.get_attribute("data-kind") == "added"]
        others = [c for c in self.css(".changes .change") if c.get_attribute("data-kind") != "added"]
        self.assertTrue(added and others)
        self.assertTrue(all(c.is_displayed() for c in added))
        self.assertFalse(any(c.is_displayed() for c in others))
        body.send_keys(Keys.HOME)
        # Side by side.
        [a for a in self.css(".views a") if a.text == "左右对照"][0].click()
        self.assertTrue(self.wait_for("table.sbs ins"))

    def test_ask_shows_the_governing_clause_and_reasons(self):
        from selenium.webdriver.common.by import By
        d = self.open("/ask")
        q = d.find_element(By.NAME, "q")
        q.send_keys("终止本协议需要提前多久通知？")
        d.execute_script("document.querySelector('input[name=at]').value = '2026-01-01'")
        q.submit()
        governing = self.wait_for(".governing")[0].text
        self.assertIn("partner-framework#10.3", governing)
        self.assertIn("三十日", governing)
        reasons = self.css(".overridden")[0].text
        self.assertIn("end-user-terms#5", reasons)
        self.assertIn("依第二部分", reasons)

    def test_notice_preview_for_a_pasted_draft(self):
        from selenium.webdriver.common.by import By
        d = self.open("/notice")
        draft = self.revised.replace("最多 20 万人民币", "最多 50 万人民币")
        d.execute_script("document.querySelector('textarea[name=draft]').value = arguments[0];"
                         "document.querySelector('input[name=date]').value = '2026-05-06';", draft)
        d.find_element(By.CSS_SELECTOR, "form button").click()
        letter = self.wait_for("article.letter")
        self.assertTrue(letter, self.body_text())
        self.assertIn("关于修订《青云合作伙伴框架协议》的通知", letter[0].text)
        self.assertIn("尊敬的合作伙伴", letter[0].text)
        self.assertTrue(any("50 万人民币" in e.text for e in self.css("article.letter ins")))

    def test_markup_in_a_clause_is_text(self):
        from selenium.common.exceptions import NoAlertPresentException
        d = self.open("/doc/partner-framework?at=2026-05-01")
        self.assertIn(SCRIPT, self.body_text())
        with self.assertRaises(NoAlertPresentException):
            d.switch_to.alert.text
        self.assertFalse(d.execute_script("return Array.from(document.scripts).some(s => s.textContent.includes('alert'))"))

    def test_no_horizontal_scroll_on_a_phone(self):
        d = self.driver
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 375, "height": 812, "deviceScaleFactor": 2, "mobile": True})
        try:
            for path in ("/?at=2026-05-01", "/doc/partner-framework?at=2026-05-01", "/clause/partner-framework/11.3?at=2026-05-01",
                         "/diff?from=2025-06-01&to=2026-05-01", "/ask?q=%E8%BF%94%E5%88%A9%E6%AF%94%E4%BE%8B%E6%98%AF%E5%A4%9A%E5%B0%91&at=2026-01-01",
                         "/period?start=2026-01-15&length=%E4%B8%80%E4%B8%AA%E6%9C%88", "/notice"):
                self.open(path)
                width = d.execute_script("return document.documentElement.scrollWidth")
                self.assertLessEqual(width, 375, path)
        finally:
            d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--lexgit", required=True)
    parser.add_argument("--source", required=True)
    ARGS = parser.parse_args()
    missing = missing_browser()
    if missing:
        print("SKIPPED: the browser tests need Chromium, its driver and Selenium (scripts/setup installs "
              "chromium chromium-driver python3-selenium); missing: " + ", ".join(missing))
        return 77
    result = unittest.main(argv=[sys.argv[0], "-v"], exit=False).result
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
