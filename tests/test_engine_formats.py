# ruff: noqa: E501  (the golden hOCR keeps Tesseract's long lines verbatim)
"""hOCR reading, merging and ALTO writing, on a golden page (no Tesseract needed).

Provenance of ``PAGE_HOCR``: ``tesseract a.png out -l vie --dpi 150 -c hocr_font_info=0 hocr``
with Tesseract 5.3.0 (Debian 12) on a rendered line of Liberation Serif, trimmed to one line.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET

from digitize.ocr import alto, hocr

PAGE_HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head>
  <title></title>
  <meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>
  <meta name='ocr-system' content='tesseract 5.3.0' />
  <meta name='ocr-capabilities' content='ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf'/>
 </head>
 <body>
  <div class='ocr_page' id='page_1' title='image "/tmp/.p00001.77.tif"; bbox 0 0 1240 600; ppageno 0; scan_res 150 150'>
   <div class='ocr_carea' id='block_1_1' title="bbox 102 101 889 142">
    <p class='ocr_par' id='par_1_1' lang='vie' title="bbox 102 101 889 142">
     <span class='ocr_line' id='line_1_1' title="bbox 102 101 889 142; baseline 0 -6; x_size 40; x_descenders 5; x_ascenders 9">
      <span class='ocrx_word' id='word_1_1' title='bbox 102 101 212 142; x_wconf 95'>CỘNG</span>
      <span class='ocrx_word' id='word_1_2' title='bbox 224 101 310 136; x_wconf 90'>HÒA</span>
     </span>
    </p>
   </div>
  </div>
 </body>
</html>
"""


def test_hocr_page_is_parsed_into_words_with_boxes_and_confidences() -> None:
    (page,) = hocr.parse_hocr(PAGE_HOCR)
    assert (page.width, page.height, page.dpi) == (1240, 600, 150)
    assert [(w.text, w.bbox, w.confidence) for w in page.words] == [
        ("CỘNG", (102, 101, 212, 142), 95.0),
        ("HÒA", (224, 101, 310, 136), 90.0),
    ]


def test_merged_hocr_renumbers_pages_and_names_the_source_image() -> None:
    merged = hocr.merge_pages(
        [
            hocr.renumber_page(PAGE_HOCR, 1, "hồ sơ.pdf"),
            hocr.empty_page(2, 100, 200, "page failed"),
            hocr.renumber_page(PAGE_HOCR, 3, "hồ sơ.pdf"),
        ],
        title="hs01/hồ sơ.pdf",
        system=hocr.ocr_system(PAGE_HOCR) or "",
    )
    ET.fromstring(merged)  # well-formed XHTML
    assert "id='page_3'" in merged and "id='word_3_2'" in merged and "ppageno 2" in merged
    assert ".p00001" not in merged and 'image "hồ sơ.pdf"' in merged
    assert "tesseract 5.3.0" in merged
    assert len(hocr.parse_hocr(merged)) == 3


def test_alto_has_one_page_per_input_with_strings_spaces_and_wc() -> None:
    (page,) = hocr.parse_hocr(PAGE_HOCR)
    xml = alto.to_alto([page, None], source_name="a.png", software="tesseract 5.3.0")
    root = ET.fromstring(xml)
    ns = {"a": alto.ALTO_NS}
    pages = root.findall(".//a:Page", ns)
    assert [p.get("WIDTH") for p in pages] == ["1240", "0"]
    strings = root.findall(".//a:String", ns)
    assert [(s.get("CONTENT"), s.get("WC"), s.get("HPOS")) for s in strings] == [
        ("CỘNG", "0.95", "102"),
        ("HÒA", "0.90", "224"),
    ]
    assert len(root.findall(".//a:SP", ns)) == 1
    assert root.findtext(".//a:MeasurementUnit", namespaces=ns) == "pixel"


def test_hocr_words_are_nfc_even_when_the_file_is_not() -> None:
    nfd = PAGE_HOCR.replace("HÒA", unicodedata.normalize("NFD", "HÒA"))
    (page,) = hocr.parse_hocr(nfd)
    assert page.words[1].text == "HÒA"
    assert unicodedata.is_normalized("NFC", hocr.renumber_page(nfd, 1))
