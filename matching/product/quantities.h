// Quantities with units in product text ("256GB", "15.6-inch", "30pk"), with
// units canonicalized so that two catalogs' spellings compare equal, and the
// conflict test that keeps sibling products apart (256 GB vs 512 GB).
//
//   ExtractQuantities("iPhone 13 Pro 256GB")     == {{256, "gb"}}
//   ExtractQuantities("1.5 TB external drive")   == {{1500, "gb"}}
//   ExtractQuantities("15.6\" laptop, 2-pack")   == {{15.6, "in"}, {2, "pack"}}
//   ExtractQuantities("PowerShot SD1000 7.1MP")  == {{7.1, "mp"}}
//   ExtractQuantities("Galaxy S21 5G")           == {}   (a network)
//   ExtractQuantities("显示器 34英寸 蓝色 2件装")  == {{34, "in"}, {2, "pack"}}
//   QuantitiesConflict({{256, "gb"}}, {{512, "gb"}})       == true
//   QuantitiesConflict({{1000, "gb"}}, {{1000, "gb"}})     == false  ("1 TB")
//
// A quantity is a number (digits, optional decimal point or comma, optional
// thousands commas "10,000") followed by a unit, glued or after a space or a
// dash ("256GB", "256 GB", "2-pack"), and not preceded by a letter, digit or
// point (so "SD1000" and "v2.5" hold none); "pack of 6", "set of 4" also
// count as 6 and 4 pack. Units and their canonical forms; values are
// converted where the ratio is exact within one system:
//   gb    tb (x1000), gb, mb (/1000), kb (/1e6), and the spelled-out words
//   hz    ghz (x1e9), mhz (x1e6), khz (x1e3), hz
//   mm    m (x1000), cm (x10), mm, meter(s)/metre(s)
//   in    in, inch(es), ", '', ”, ″, ft/feet/foot (x12)
//   g     kg (x1000), g, gram(s), mg (/1000)
//   oz    lb/lbs/pound(s) (x16), oz, ounce(s); "fl oz" is "floz", a volume
//   ml    l/liter(s)/litre(s) (x1000), cl (x10), ml
//   w     kw (x1000), w, watt(s);   v  v, volt(s);   mah  mah
//   mp    mp, mpx, megapixel(s)
//   pack  pack(s), pk, ct, count, pcs, piece(s)
//   cup   cup(s) ("12-cup" coffee makers);  port  port(s) ("8-port" hubs)
//   x     a multiplier glued to its number: "3x", "10x zoom"
// and in Chinese, glued or not: 英寸 (in), 毫安/毫安时 (mah), 千克/公斤/克,
// 毫升/升, 厘米/毫米/米, 千瓦/瓦, 伏, 杯 (cup), 口 (port), and pack counts
// 件装, 个装, 支装, 只装, 盒装, 片装, 袋装, 瓶装, 卷装, 件套 ("34英寸",
// "2件装"). Deliberate exclusions: an upper-case "G" and 2g-5g are network
// generations, not grams ("5G"); "in" after a space or dash needs a decimal
// number, since "2 in 1" is no length; "x" after a space ("3 x 4") is a
// dimension, not a multiplier; "1920x1080" is a resolution. Imperial and metric
// are never converted into each other (15.6" and 39.6 cm would then round
// apart).
//
// Cost: two passes of precompiled RE2s over the text (RE2 objects are
// expensive, so they are built once, on first use), microseconds per title.
// Pure and thread-safe.
#ifndef MDM_MATCHING_PRODUCT_QUANTITIES_H_
#define MDM_MATCHING_PRODUCT_QUANTITIES_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mdm::matching {

struct Quantity {
  double value = 0;
  std::string unit;  // canonical unit, see above

  friend bool operator==(const Quantity& a, const Quantity& b) = default;
};

// A quantity and the bytes of the text it was read from.
struct QuantityMatch {
  Quantity quantity;
  size_t begin = 0;  // offset of the number ("pack of 6": of "pack")
  size_t end = 0;    // offset just past the unit (or the count)
};

// Every quantity in `text`, in order of appearance.
std::vector<QuantityMatch> FindQuantities(absl::string_view text);

// FindQuantities without the offsets.
std::vector<Quantity> ExtractQuantities(absl::string_view text);

// True when some unit appears on both sides with values that disagree: the
// values of that unit on one side are not all found on the other side, nor the
// other way round ({256 gb, 8 gb} vs {256 gb} agree: one title says more;
// {256 gb, 8 gb} vs {512 gb, 8 gb} conflict). Values are equal within a
// relative 1e-6. A unit on one side only is no evidence either way.
bool QuantitiesConflict(const std::vector<Quantity>& a,
                        const std::vector<Quantity>& b);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_PRODUCT_QUANTITIES_H_
