// Model numbers in product text: the manufacturer codes that tell sibling
// products apart (WH-1000XM4 vs WH-1000XM5) and that different catalogs
// write with different punctuation.
//
//   ExtractModelNumbers("Sony WH-1000XM4 Headphones")  == {"WH1000XM4"}
//   ExtractModelNumbers("Sony WH-1000 XM4")            == {"WH1000XM4"}
//   ExtractModelNumbers("Panasonic KX-TG1032S phone")  == {"KXTG1032S"}
//   ExtractModelNumbers("NVIDIA GeForce RTX 3080")     == {"RTX3080"}
//   ExtractModelNumbers("adobe photoshop cs3 upgrade") == {"CS3"}
//   ExtractModelNumbers("filter, model 12345")         == {"12345"}
//   ExtractModelNumbers("Apple iPhone 13 Pro 256GB")   == {}
//   ExtractModelNumbers("Microsoft Office 2007 Pro")   == {}
//
// A model number is a word of letters and digits, possibly joined by dashes,
// dots or slashes ("DSC-W120", "SX-F26"), that holds at least one letter and
// one digit and at least 3 of them; it is normalized to upper-case letters
// and digits only. After "model", "model no", "part", "part no", "p/n", "pn",
// "mpn", "sku" or "item no" the next word counts even when it is all digits.
// Results are de-duplicated, in order of appearance.
//
// Fragments are joined across one space only in two shapes that catalogs
// split and that rarely occur otherwise:
//   - a model ending in a digit, then a short suffix of 1-3 letters and 1-2
//     digits: "WH-1000 XM4" -> "WH1000XM4", "MX6600 V2" -> "MX6600V2";
//   - an upper-case prefix of 2-4 letters, then 3-5 digits: "RTX 3080" ->
//     "RTX3080", "MDR 7506" -> "MDR7506". The prefix must be written in upper
//     case and not be a common word or standard (USB, HD, LED, PRO, ...);
//     "rtx 3080" in lower case is not joined.
// Anything else stays apart: "WH 1000XM4" gives "1000XM4".
//
// Not model numbers, by design:
//   - quantities with units (see quantities.h: "256GB", "7.1MP", "2-pack");
//   - pure numbers without a keyword, hence years ("Office 2007") and
//     version-like counts ("iPhone 13");
//   - dotted versions "v11.1", "V2.0" (undotted "V60" is a model: LG V60);
//   - resolutions "1920x1080", "1080p", "720i"; ordinals "3rd"; sizes "2XL";
//     aperture "f/1.8"; "2-in-1"; a number then a word, "4-port", "8core";
//   - formats and standards: MP3, MP4, H264, H265, DDR4, GDDR6, USB3, IPV6,
//     WPA2, PCIE4, HDMI21, HDR10, CAT6, WIFI6, IP67, X86, 802.11ac, ...
// Product-family versions such as "CS3" do count: they separate products.
//
// Cost: a few passes of precompiled RE2s (built once, on first use) over the
// text, microseconds per title. Pure and thread-safe.
#ifndef MDM_MATCHING_PRODUCT_MODEL_NUMBERS_H_
#define MDM_MATCHING_PRODUCT_MODEL_NUMBERS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mdm::matching {

// A model number and the bytes of the text it was read from.
struct ModelNumberMatch {
  std::string model;  // upper-case letters and digits: "WH1000XM4"
  size_t begin = 0;   // offset of its first fragment
  size_t end = 0;     // offset just past its last fragment
};

// Every model number in `text`, in order of appearance, not de-duplicated.
std::vector<ModelNumberMatch> FindModelNumbers(absl::string_view text);

// The distinct model numbers of `text`, in order of first appearance.
std::vector<std::string> ExtractModelNumbers(absl::string_view text);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_PRODUCT_MODEL_NUMBERS_H_
