#include "tools/mdmctl/connection.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/client_interceptor.h>

#include <cstdlib>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "src/base/file.h"

namespace mdm::cli {
namespace {

// Adds the bearer token to every call's metadata.
class BearerToken : public grpc::experimental::Interceptor {
 public:
  explicit BearerToken(const std::string* header) : header_(header) {}

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::
                PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->insert({"authorization", *header_});
    }
    methods->Proceed();
  }

 private:
  const std::string* header_;
};

class BearerTokenFactory
    : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  explicit BearerTokenFactory(std::string token)
      : header_(absl::StrCat("Bearer ", token)) {}

  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo*) override {
    return new BearerToken(&header_);
  }

 private:
  const std::string header_;
};

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> Credentials(
    const ConnectionOptions& options) {
  if (options.tls_ca.empty()) {
    if (!options.tls_cert.empty() || !options.tls_key.empty()) {
      return absl::InvalidArgumentError(
          "--tls-cert and --tls-key need --tls-ca");
    }
    return grpc::InsecureChannelCredentials();
  }
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
  }
  grpc::SslCredentialsOptions ssl;
  absl::StatusOr<std::string> text =
      ReadFileToString(options.tls_ca, "CA certificates");
  if (!text.ok()) return text.status();
  ssl.pem_root_certs = *std::move(text);
  if (!options.tls_cert.empty()) {
    text = ReadFileToString(options.tls_cert, "client certificate");
    if (!text.ok()) return text.status();
    ssl.pem_cert_chain = *std::move(text);
    text = ReadFileToString(options.tls_key, "client key");
    if (!text.ok()) return text.status();
    ssl.pem_private_key = *std::move(text);
  }
  return grpc::SslCredentials(ssl);
}

}  // namespace

std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>
BearerTokenInterceptor(const std::string& token) {
  return std::make_unique<BearerTokenFactory>(token);
}

absl::StatusOr<std::string> ReadToken(const std::string& token_file) {
  if (token_file.empty()) {
    const char* token = std::getenv("MDM_TOKEN");
    return std::string(token == nullptr ? "" : token);
  }
  absl::StatusOr<std::string> text = ReadFileToString(token_file, "token file");
  if (!text.ok()) return text.status();
  std::string token(absl::StripAsciiWhitespace(
      absl::string_view(*text).substr(0, text->find('\n'))));
  if (token.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("token file ", token_file, " is empty"));
  }
  return token;
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> Connect(
    const ConnectionOptions& options) {
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      Credentials(options);
  if (!credentials.ok()) return credentials.status();
  absl::StatusOr<std::string> token = ReadToken(options.token_file);
  if (!token.ok()) return token.status();
  grpc::ChannelArguments arguments;
  if (!options.tls_server_name.empty()) {
    arguments.SetSslTargetNameOverride(options.tls_server_name);
  }
  // Large enough for the biggest response the server sends.
  arguments.SetMaxReceiveMessageSize(64 << 20);
  std::vector<
      std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>>
      interceptors;
  if (!token->empty()) {
    interceptors.push_back(BearerTokenInterceptor(*token));
  }
  return grpc::experimental::CreateCustomChannelWithInterceptors(
      options.server, *credentials, arguments, std::move(interceptors));
}

}  // namespace mdm::cli
