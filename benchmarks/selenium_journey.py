"""The signup journey as a Selenium WebDriver user writes it: the fair peer.

Idiomatic Selenium 4 against Debian's ``chromedriver``. Selenium has no
lighter isolation than a session, so the fair peer of a fresh Playwright
context is a new WebDriver session per journey, which is what a pytest suite
gets from a function-scoped driver fixture (pytest-selenium's ``selenium``).
One session reused with its cookies cleared is timed too, as the lower bound
(it keeps the cache and storage of earlier journeys). Elements are found by
id, name and link text; an explicit ``WebDriverWait`` on the title after each
page change; ``send_keys`` to type; the test API called with the browser's
own session cookie. No sleeps. The browser gets the same flags as the
harness's (headless, offline).
"""

from __future__ import annotations

import contextlib
import shutil
import time

import psutil
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from cpf.messages import ACCOUNT_ACTIVATED
from harness.browser import OFFLINE_CHROMIUM_ARGS, system_chromium_path
from harness.identities import Identity

WAIT_S = 10


def start_driver() -> webdriver.Chrome | None:
    """A headless Chrome driven by the system's chromedriver; None when either is missing."""
    chromium, chromedriver = system_chromium_path(headless=True), shutil.which("chromedriver")
    if not chromium or not chromedriver:
        return None
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", *OFFLINE_CHROMIUM_ARGS):
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=Service(chromedriver))


def _captcha_index(driver: WebDriver, portal_url: str) -> int:
    cookies = {cookie["name"]: cookie["value"] for cookie in driver.get_cookies()}
    answer = requests.get(f"{portal_url}/__test__/captcha", cookies=cookies, timeout=WAIT_S)
    answer.raise_for_status()
    return int(answer.json()["index"])


def selenium_journey(driver: WebDriver, portal_url: str, identity: Identity) -> float:
    started = time.perf_counter()
    driver.delete_all_cookies()
    wait = WebDriverWait(driver, WAIT_S)
    driver.get(portal_url + "/")
    driver.find_element(By.CSS_SELECTOR, "header").find_element(By.LINK_TEXT, "Connexion").click()
    wait.until(ec.title_contains("Connexion"))
    driver.find_element(By.LINK_TEXT, "S'inscrire").click()
    wait.until(ec.title_contains("Remplissez le formulaire"))
    for name, value in (
        ("nir", identity.nir),
        ("birth_name", identity.birth_name),
        ("first_name", identity.first_name),
        ("email", identity.email),
        ("password", identity.password),
        ("password_confirmation", identity.password),
    ):
        driver.find_element(By.NAME, name).send_keys(value)
    driver.find_element(By.XPATH, "//button[normalize-space()='Continuer']").click()
    wait.until(ec.title_contains("Passez le contrôle de sécurité"))
    tile = _captcha_index(driver, portal_url) + 1
    driver.find_element(By.CSS_SELECTOR, f"button[aria-label='Image {tile}']").click()
    wait.until(ec.title_contains("Clôturez votre inscription"))
    driver.find_element(By.ID, "accept").click()
    driver.find_element(By.XPATH, '//button[normalize-space()="S\'inscrire"]').click()
    # The new page first, by its title: the heading looked up while the CGU page is still
    # shown can be replaced under the driver ("Node ... does not belong to the document").
    wait.until(ec.title_contains(ACCOUNT_ACTIVATED))
    wait.until(ec.text_to_be_present_in_element((By.TAG_NAME, "h1"), ACCOUNT_ACTIVATED))
    return time.perf_counter() - started


def quit_driver(driver: webdriver.Chrome) -> float:
    """``driver.quit()``, timed; then end what the browser left behind, untimed.

    With Debian's headless shell, chromedriver's quit returns while the browser
    and its zygotes keep running (seen with 156; the full Chromium exits): left
    alone, every new-session journey leaked a browser into the later figures."""
    browser_processes = psutil.Process(driver.service.process.pid).children(recursive=True)
    started = time.perf_counter()
    driver.quit()
    quit_s = time.perf_counter() - started
    for process in browser_processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.terminate()
    _, alive = psutil.wait_procs(browser_processes, timeout=5)
    for process in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.kill()
    return quit_s


def selenium_journey_in_a_new_session(portal_url: str, identity: Identity) -> float:
    """The journey with the driver started and quit inside the timing."""
    started = time.perf_counter()
    driver = start_driver()
    if driver is None:
        raise RuntimeError("chromedriver or Chromium is missing")
    try:
        selenium_journey(driver, portal_url, identity)
    except BaseException:
        quit_driver(driver)
        raise
    journey_s = time.perf_counter() - started
    return journey_s + quit_driver(driver)
