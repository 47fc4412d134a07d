#!/usr/bin/env python3
"""Clicks through a questionnaire in headless Chromium with JavaScript disabled.

usage: click_through.py BASE_URL START_PATH LABEL [LABEL ...]
Opens BASE_URL+START_PATH, clicks the button "Start", then the answer buttons
with these labels in order, and prints the final page's outcome ids (one per line)
after a line "URL <final url>".
"""
import sys

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base, start, labels = sys.argv[1], sys.argv[2], sys.argv[3:]
options = webdriver.ChromeOptions()
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=375,800"):
    options.add_argument(arg)
options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    def gone(element):
        """True once the element is no longer in the document. Selenium's staleness_of expects a
        StaleElementReferenceException, but Chromium may instead answer "Node with given id does
        not belong to the document" while the old page is being replaced: both mean gone."""
        def check(_):
            try:
                element.is_enabled()
                return False
            except WebDriverException:
                return True
        return check

    def click(button):
        """Submits an answer's form and waits until the next page has replaced this one."""
        page = driver.find_element(By.TAG_NAME, "html")
        button.click()
        WebDriverWait(driver, 20).until(gone(page))
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "footer.site-footer"))

    driver.get(base + start)
    click(driver.find_element(By.CSS_SELECTOR, "form.answer button[type=submit]"))
    for label in labels:
        buttons = [b for b in driver.find_elements(By.CSS_SELECTOR, "form.answer button") if b.text.strip() == label]
        if not buttons:
            print("NO BUTTON", label, "on", driver.current_url)
            sys.exit(2)
        click(buttons[0])
    print("URL", driver.current_url)
    for heading in driver.find_elements(By.CSS_SELECTOR, "section.outcome h2"):
        print(heading.get_dom_attribute("id"))
finally:
    driver.quit()
