// Colours named in product text: the attribute that most often tells two
// sibling products apart when their titles agree on everything else
// ("iPhone 13 128GB Midnight" vs "... Starlight").
//
//   ExtractColours("Apple AirPods Max - Space Gray")  == {"grey"}
//   ExtractColours("Logitech MX Master 3 Graphite")   == {"graphite"}
//   ExtractColours("Dell 24 Monitor black/silver")    == {"black", "silver"}
//   ExtractColours("小米手环 黑色")                   == {"black"}
//   ExtractColours("USB cable, 2m")                   == {}
//
// A colour is one of a fixed vocabulary of catalog colour words, matched as
// whole words case-insensitively, English spellings folded to one form
// (gray/grey, "space gray", "rose gold"), or a Chinese colour word ending in
// 色 (黑色, 白色, 银色, ...). Results are canonical English names, sorted
// and distinct, so that two titles in either language compare equal.
//
// Words that are also brands ("Black & Decker", "Blue Yeti") are colours
// here too: ColoursConflict asks for disjoint sets, so a colour shared by
// both titles keeps them compatible.
//
// Cost: one tokenization and a few substring searches; microseconds per
// title. Pure and thread-safe.
#ifndef MDM_MATCHING_PRODUCT_COLOURS_H_
#define MDM_MATCHING_PRODUCT_COLOURS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mdm::matching {

// The distinct canonical colours named in `text`, sorted.
std::vector<std::string> ExtractColours(absl::string_view text);

// True when both lists name colours and share none: two different variants.
// Lists must be sorted (as ExtractColours returns them).
bool ColoursConflict(const std::vector<std::string>& a,
                     const std::vector<std::string>& b);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_PRODUCT_COLOURS_H_
