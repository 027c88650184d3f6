// E-mail addresses standardized for matching: a cleaned form, and a
// provider-aware canonical form under which the aliases one mailbox receives
// ("John.Smith+news@googlemail.com" for johnsmith@gmail.com) compare equal.
//
//   EmailAddress e = ParseEmail(" mailto:John.Smith+news@GoogleMail.com ");
//   // e.normalized == "john.smith+news@googlemail.com"
//   // e.canonical  == "johnsmith@gmail.com", e.valid == true
//   // e.local == "johnsmith", e.domain == "gmail.com"
//
//   ParseEmail("Jane Doe <Jane+x@Outlook.com>").canonical == "jane@outlook.com"
//   ParseEmail("jsmith-shop@yahoo.com").canonical   == "jsmith@yahoo.com"
//   ParseEmail("j.smith+x@example.com").canonical   == "j.smith+x@example.com"
//   ParseEmail("a@b").valid                         == false  (no dot)
//   ParseEmail("not an email").normalized           == ""
//
// Cleaning (gives `normalized`): full-width forms become ASCII ("＠");
// surrounding spaces, quotes and a trailing ';' or ',' go; a "mailto:" prefix
// and its "?subject=..." go; "Name <address>" keeps the address; ASCII is
// lower-cased (the local part too: no mainstream provider distinguishes
// case); trailing dots of the domain go, with any ';' or ',' after them
// ("jane@example.org;."). Non-ASCII (internationalized)
// domains and local parts keep their UTF-8 bytes as written; they are not
// converted to punycode or normalized.
//
// Canonical rules, applied only to valid addresses:
//   - gmail.com, googlemail.com: dots removed from the local part, "+tag"
//     dropped, domain gmail.com.
//   - Providers with "+tag" subaddressing (Microsoft's outlook.com,
//     hotmail.*, live.*, msn.com; Apple's icloud.com, me.com, mac.com;
//     Proton; Fastmail; Yandex; Zoho): "+tag" dropped.
//   - Yahoo (yahoo.com and its country domains): disposable "-keyword"
//     addresses lose the "-keyword".
//   - Anything else: canonical == normalized (a custom domain's "+" or "."
//     may be significant).
//
// Cost: one pass and a few small allocations; no I/O, no DNS. Thread-safe.
#ifndef MDM_MATCHING_CONTACT_EMAIL_H_
#define MDM_MATCHING_CONTACT_EMAIL_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mdm::matching {

struct EmailAddress {
  // The cleaned address (see above). Empty when the text is not shaped like
  // an address: exactly one '@' with something on both sides.
  std::string normalized;
  // Provider-aware form for matching; == normalized unless `valid` and a
  // provider rule applies.
  std::string canonical;
  // The parts of `canonical` before and after the '@'; empty when
  // `normalized` is.
  std::string local;
  std::string domain;
  // One '@'; a local part of RFC 5322 "atext" characters (or non-ASCII)
  // separated by single dots; a domain of at least two dot-separated labels
  // of letters, digits and inner hyphens (or non-ASCII), each at most 63
  // bytes, the last not all digits; at most 254 bytes in all.
  bool valid = false;
};

EmailAddress ParseEmail(absl::string_view raw);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_CONTACT_EMAIL_H_
