// SHA-256 digests as lowercase hex.
//
//   std::string digest = Sha256Hex("secret");  // 64 hex characters
//
//   Sha256 hash;                 // the same, fed in pieces
//   hash.Update("sec");
//   hash.Update("ret");
//   std::string same = hash.HexDigest();
//
// Bearer tokens are stored as digests, never as tokens; backups carry one
// so that the client can check what it wrote. Sha256Hex is thread-safe; a
// Sha256 object is used by one thread at a time.
#ifndef MDM_SRC_BASE_SHA256_H_
#define MDM_SRC_BASE_SHA256_H_

#include <memory>
#include <string>

#include "absl/strings/string_view.h"

namespace mdm {

std::string Sha256Hex(absl::string_view data);

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(absl::string_view data);
  // The digest of everything given so far; call once.
  std::string HexDigest();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

}  // namespace mdm

#endif  // MDM_SRC_BASE_SHA256_H_
