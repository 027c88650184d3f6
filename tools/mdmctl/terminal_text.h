// Text from the service made safe for a terminal, and measured in terminal
// columns.
//
// Values come from source systems and may hold anything UTF-8 allows: ESC
// sequences that clear or redraw the screen, NUL, line breaks that would
// start a fake line, bidirectional overrides that reorder what is shown.
// Everything mdmctl prints for people passes through TerminalSafe first:
//
//   TerminalSafe("Ann\x1b[2J")   == "Ann\\x1b[2J"
//   TerminalSafe("a\nb")          == "a\\nb"
//   TerminalSafe("abc\u202edef")  == "abc\\u202edef"
//   FitToWidth("Zhang Wei", 6)    == "Zhang…"
//
// Escaped: C0 controls (\n, \r, \t by name, the others as \xHH), DEL,
// C1 controls (U+0080..U+009F) and the invisible formatting characters that
// change how text around them is drawn (bidirectional marks, embeddings,
// overrides and isolates, line and paragraph separators) as \uHHHH, and bytes
// that are not UTF-8 as \xHH. The result is printable UTF-8 without line
// breaks. JSON output escapes the same characters as JSON does (output.h).
#ifndef MDM_TOOLS_MDMCTL_TERMINAL_TEXT_H_
#define MDM_TOOLS_MDMCTL_TERMINAL_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace mdm::cli {

// `text` with every control and formatting character escaped (see above).
std::string TerminalSafe(absl::string_view text);

// True for the code points TerminalSafe escapes.
bool IsUnsafeCodePoint(uint32_t code_point);

// Terminal columns of UTF-8 text: 2 for East Asian wide and full-width
// characters, 1 for others; bytes of an ill-formed sequence count one each.
// SGR sequences (ESC [ ... m), which only mdmctl itself writes, take none.
size_t DisplayWidth(absl::string_view text);

// `text` cut to at most `width` columns, ending in "…" when anything was cut;
// SGR sequences are kept whole and a cut line ends with a reset (ESC [ 0 m)
// when it had any. Expects text already made safe.
std::string FitToWidth(absl::string_view text, size_t width);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_TERMINAL_TEXT_H_
