"""Turn the front desk, as Chromium shows it with an appointment typed in, into the README's screenshot.

    python tests/serve/screenshot.py docs/front-desk.png

It serves the demo project (a copy, on a free port), chooses the Portland location, fills the form with made-up
values and saves the browser's own screenshot, reduced to 256 colours so the PNG stays small."""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image
from webapp import CHROMIUM_FLAGS, copy_demo, start_server

REPO = Path(__file__).resolve().parents[2]


def main(target: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    work = Path(tempfile.mkdtemp(prefix="handouts-shot-"))
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={work / 'profile'}"):
        options.add_argument(flag.replace("--window-size=1280,1000", "--window-size=1000,1180"))
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    try:
        with start_server(copy_demo(REPO, work / "project"), work / "cache", watch=False) as served:
            driver.get(served.url + "/")
            driver.find_element("id", "place").send_keys("Pearl")
            driver.find_element("css selector", "form[action='/place'] button").click()
            driver.find_element("id", "date").send_keys("12022026")
            driver.find_element("id", "time").send_keys("0230P")
            driver.find_element("id", "therapist").send_keys("Zoë Hart")
            for n in (2, 4):
                driver.find_element("id", f"area-{n}").click()
            driver.find_element("id", "notes").send_keys("Heat, not ice, for the first two days")
            driver.find_element("id", "print").send_keys("")  # focus on Print, as a keyboard user would have it
            driver.execute_script("window.scrollTo(0, 0)")
            shot = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
    finally:
        driver.quit()
        shutil.rmtree(work, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    shot.quantize(256, dither=Image.Dither.NONE).save(target, optimize=True)
    print(f"{target}: {shot.width}×{shot.height}, {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "docs" / "front-desk.png"))
