#include "matching/contact/email.h"

#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

struct Case {
  const char* raw;
  const char* normalized;
  const char* canonical;
  bool valid;
};

TEST(ParseEmail, CleansWrappingAndCase) {
  const Case cases[] = {
      {"  John.Smith@Example.COM ", "john.smith@example.com",
       "john.smith@example.com", true},
      {"mailto:Jane@Example.org", "jane@example.org", "jane@example.org", true},
      {"MAILTO:jane@example.org?subject=Hi", "jane@example.org",
       "jane@example.org", true},
      {"Jane Doe <Jane@Example.org>", "jane@example.org", "jane@example.org",
       true},
      {"\"jane@example.org\";", "jane@example.org", "jane@example.org", true},
      {"jane@example.org.", "jane@example.org", "jane@example.org", true},
      {"ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ", "jane@example.org",
       "jane@example.org", true},
      {"zhang@163。com", "zhang@163.com", "zhang@163.com", true},
      // Any ASCII space between repeated "mailto:" prefixes.
      {"mailto:\v mailto:Jane@Example.org?subject=hi ", "jane@example.org",
       "jane@example.org", true},
  };
  for (const Case& c : cases) {
    const EmailAddress email = ParseEmail(c.raw);
    EXPECT_EQ(email.normalized, c.normalized) << c.raw;
    EXPECT_EQ(email.canonical, c.canonical) << c.raw;
    EXPECT_EQ(email.valid, c.valid) << c.raw;
  }
}

TEST(ParseEmail, WrappingAfterTheDomainsTrailingDotGoes) {
  const Case cases[] = {
      {"jane@example.org;.", "jane@example.org", "jane@example.org", true},
      {"jane@example.org.,", "jane@example.org", "jane@example.org", true},
      {"jane@example.org..", "jane@example.org", "jane@example.org", true},
      {"u@,.", "", "", false},  // only wrapping after the '@'
      {"jane@example.org\v.", "jane@example.org", "jane@example.org", true},
      // White space Clean would strip again goes too.
      {"u@,\x01\v.", "u@,\x01", "u@,\x01", false},
  };
  for (const Case& c : cases) {
    const EmailAddress email = ParseEmail(c.raw);
    EXPECT_EQ(email.normalized, c.normalized) << c.raw;
    EXPECT_EQ(email.canonical, c.canonical) << c.raw;
    EXPECT_EQ(email.valid, c.valid) << c.raw;
    // Cleaning leaves nothing to clean.
    EXPECT_EQ(ParseEmail(email.normalized).normalized, email.normalized)
        << c.raw;
  }
}

TEST(ParseEmail, ProviderRulesGiveOneCanonicalMailbox) {
  const Case cases[] = {
      {"John.Smith+news@GoogleMail.com", "john.smith+news@googlemail.com",
       "johnsmith@gmail.com", true},
      {"j.o.h.n.smith@gmail.com", "j.o.h.n.smith@gmail.com",
       "johnsmith@gmail.com", true},
      {"jane+shop@outlook.com", "jane+shop@outlook.com", "jane@outlook.com",
       true},
      {"jane+a+b@hotmail.co.uk", "jane+a+b@hotmail.co.uk", "jane@hotmail.co.uk",
       true},
      {"jane+x@icloud.com", "jane+x@icloud.com", "jane@icloud.com", true},
      {"jane+x@protonmail.com", "jane+x@protonmail.com", "jane@protonmail.com",
       true},
      {"jane+x@fastmail.com", "jane+x@fastmail.com", "jane@fastmail.com", true},
      {"jsmith-shop@yahoo.com", "jsmith-shop@yahoo.com", "jsmith@yahoo.com",
       true},
      // Dots are significant outside Gmail; "+" is kept for unknown domains.
      {"j.smith+x@example.com", "j.smith+x@example.com",
       "j.smith+x@example.com", true},
      {"j.smith@outlook.com", "j.smith@outlook.com", "j.smith@outlook.com",
       true},
      // A tag-only local part is not stripped to nothing.
      {"+tag@gmail.com", "+tag@gmail.com", "+tag@gmail.com", true},
  };
  for (const Case& c : cases) {
    const EmailAddress email = ParseEmail(c.raw);
    EXPECT_EQ(email.normalized, c.normalized) << c.raw;
    EXPECT_EQ(email.canonical, c.canonical) << c.raw;
    EXPECT_EQ(email.valid, c.valid) << c.raw;
  }
}

TEST(ParseEmail, LocalAndDomainAreThoseOfCanonical) {
  const EmailAddress email = ParseEmail("John.Smith+news@GoogleMail.com");
  EXPECT_EQ(email.local, "johnsmith");
  EXPECT_EQ(email.domain, "gmail.com");
}

TEST(ParseEmail, InternationalizedAddressesKeepTheirBytes) {
  const EmailAddress email = ParseEmail("Info@Bücher.DE");
  EXPECT_EQ(email.normalized, "info@bücher.de");
  EXPECT_TRUE(email.valid);
  const EmailAddress chinese = ParseEmail("张伟@例子.中国");
  EXPECT_EQ(chinese.normalized, "张伟@例子.中国");
  EXPECT_TRUE(chinese.valid);
}

TEST(ParseEmail, AddressShapedButInvalid) {
  const Case cases[] = {
      {"a@b", "a@b", "a@b", false},
      {"a@b.", "a@b", "a@b", false},
      {"john smith@example.com", "john smith@example.com",
       "john smith@example.com", false},
      {".john@example.com", ".john@example.com", ".john@example.com", false},
      {"john..smith@example.com", "john..smith@example.com",
       "john..smith@example.com", false},
      {"john@-example.com", "john@-example.com", "john@-example.com", false},
      {"john@example..com", "john@example..com", "john@example..com", false},
      {"john@exa_mple.com", "john@exa_mple.com", "john@exa_mple.com", false},
      {"john@1.2.3.4", "john@1.2.3.4", "john@1.2.3.4", false},
      // Provider rules apply only to valid addresses.
      {"j.s+x@gmail", "j.s+x@gmail", "j.s+x@gmail", false},
  };
  for (const Case& c : cases) {
    const EmailAddress email = ParseEmail(c.raw);
    EXPECT_EQ(email.normalized, c.normalized) << c.raw;
    EXPECT_EQ(email.canonical, c.canonical) << c.raw;
    EXPECT_EQ(email.valid, c.valid) << c.raw;
  }
}

TEST(ParseEmail, RepeatedMailtoPrefixesAllGo) {
  const EmailAddress email =
      ParseEmail("mailto: mailto:John.Smith+news@GoogleMail.com?subject=hi ");
  EXPECT_EQ(email.normalized, "john.smith+news@googlemail.com");
  EXPECT_EQ(ParseEmail(email.normalized).normalized, email.normalized);
}

TEST(ParseEmail, NotAnAddressGivesEmpty) {
  for (const char* raw : {"not an email", "", "   ", "@", "john@",
                          "@example.com", "a@b@example.com", "mailto:"}) {
    const EmailAddress email = ParseEmail(raw);
    EXPECT_EQ(email.normalized, "") << raw;
    EXPECT_EQ(email.canonical, "") << raw;
    EXPECT_EQ(email.local, "") << raw;
    EXPECT_EQ(email.domain, "") << raw;
    EXPECT_FALSE(email.valid) << raw;
  }
}

}  // namespace
}  // namespace mdm::matching
