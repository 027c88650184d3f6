// The channel from mdmctl to mdmd, with TLS and a bearer token as asked.
//
//   ConnectionOptions options{.server = "mdm.example.com:50051",
//                             .token_file = "~/.mdm/token",
//                             .tls_ca = "/etc/mdm/ca.pem"};
//   absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = Connect(options);
//
// Every call on the channel carries "authorization: Bearer TOKEN" when a
// token is given (token_file, else $MDM_TOKEN).
#ifndef MDM_TOOLS_MDMCTL_CONNECTION_H_
#define MDM_TOOLS_MDMCTL_CONNECTION_H_

#include <grpcpp/channel.h>
#include <grpcpp/support/client_interceptor.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace mdm::cli {

inline constexpr int kDefaultPort = 50051;

struct ConnectionOptions {
  // HOST:PORT; a HOST alone means port 50051.
  std::string server = "127.0.0.1:50051";
  // A file whose first line is the token. Empty: $MDM_TOKEN, if set.
  std::string token_file;
  // PEM CA certificates that the server's certificate must chain to. Given:
  // TLS; empty: plaintext.
  std::string tls_ca;
  // PEM client certificate and key, for a server that asks for them.
  std::string tls_cert;
  std::string tls_key;
  // The name the server's certificate must carry, when it is not the host
  // in `server`.
  std::string tls_server_name;
};

// Adds "authorization: Bearer TOKEN" to every call of a channel made with
// grpc::experimental::CreateCustomChannelWithInterceptors.
std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>
BearerTokenInterceptor(const std::string& token);

// The token a client sends: the first line of `token_file` without
// surrounding blanks, or $MDM_TOKEN when `token_file` is empty ("" when
// unset). NotFound or InvalidArgument when the file cannot be read or is
// empty.
absl::StatusOr<std::string> ReadToken(const std::string& token_file);

// `server` with the default port added when it names none: "mdm.example.com"
// -> "mdm.example.com:50051", "[::1]" and "::1" -> "[::1]:50051". Addresses
// with a scheme ("unix:/run/mdm.sock", "dns:///host:1") are kept as given.
std::string WithDefaultPort(const std::string& server);

// Checks the TLS files of `options` before any connection is tried: each
// must be readable, --tls-ca must hold PEM certificates, --tls-cert a PEM
// certificate and --tls-key the PEM private key that goes with it.
// InvalidArgument naming the flag, the file and why.
absl::Status CheckTlsFiles(const ConnectionOptions& options);

// A channel to options.server (WithDefaultPort). InvalidArgument naming the
// flag when a file cannot be read or used, or options do not fit together.
absl::StatusOr<std::shared_ptr<grpc::Channel>> Connect(
    const ConnectionOptions& options);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_CONNECTION_H_
