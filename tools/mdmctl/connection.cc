#include "tools/mdmctl/connection.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/client_interceptor.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "src/base/file.h"
#include "src/base/status_macros.h"

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

// The file's text, or InvalidArgument "FLAG FILE: cannot read it: why".
absl::StatusOr<std::string> ReadFlagFile(absl::string_view flag,
                                         const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, " ", path, ": cannot read it: ", std::strerror(errno)));
  }
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, " ", path, ": cannot read it: ", std::strerror(errno)));
  }
  return text.str();
}

// OpenSSL's most recent error, for messages.
std::string OpenSslError() {
  const unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  if (code == 0) return "not PEM";
  char text[256];
  ERR_error_string_n(code, text, sizeof(text));
  return text;
}

using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// The PEM certificates in `pem`; InvalidArgument naming `flag` and `path`
// when there is none or one does not parse.
absl::StatusOr<std::vector<X509Ptr>> ParseCertificates(absl::string_view flag,
                                                       const std::string& path,
                                                       const std::string& pem) {
  const std::string kBegin = "-----BEGIN CERTIFICATE-----";
  std::vector<X509Ptr> certificates;
  size_t at = pem.find(kBegin);
  if (at == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " ", path, ": no PEM certificate in it (no \"",
                     kBegin, "\" line)"));
  }
  for (; at != std::string::npos; at = pem.find(kBegin, at + kBegin.size())) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(pem.data() + at, static_cast<int>(pem.size() - at)),
        &BIO_free);
    X509Ptr certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                        &X509_free);
    if (certificate == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          flag, " ", path, ": certificate ", certificates.size() + 1,
          " does not parse: ", OpenSslError()));
    }
    certificates.push_back(std::move(certificate));
  }
  return certificates;
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> Credentials(
    const ConnectionOptions& options) {
  if (options.tls_ca.empty()) {
    if (!options.tls_cert.empty() || !options.tls_key.empty()) {
      return absl::InvalidArgumentError(
          "--tls-cert and --tls-key need --tls-ca");
    }
    return grpc::InsecureChannelCredentials();
  }
  MDM_RETURN_IF_ERROR(CheckTlsFiles(options));
  grpc::SslCredentialsOptions ssl;
  MDM_ASSIGN_OR_RETURN(ssl.pem_root_certs,
                       ReadFlagFile("--tls-ca", options.tls_ca));
  if (!options.tls_cert.empty()) {
    MDM_ASSIGN_OR_RETURN(ssl.pem_cert_chain,
                         ReadFlagFile("--tls-cert", options.tls_cert));
    MDM_ASSIGN_OR_RETURN(ssl.pem_private_key,
                         ReadFlagFile("--tls-key", options.tls_key));
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

std::string WithDefaultPort(const std::string& server) {
  const std::string port = absl::StrCat(":", kDefaultPort);
  if (server.empty()) return absl::StrCat("127.0.0.1", port);
  if (absl::StrContains(server, "://") || absl::StartsWith(server, "unix:") ||
      absl::StartsWith(server, "dns:") || absl::StartsWith(server, "ipv4:") ||
      absl::StartsWith(server, "ipv6:")) {
    return server;
  }
  if (server.front() == '[') {  // [v6] or [v6]:port
    const size_t close = server.find(']');
    if (close != std::string::npos && close + 1 == server.size()) {
      return server + port;
    }
    return server;
  }
  const size_t colons = std::count(server.begin(), server.end(), ':');
  if (colons == 0) return server + port;
  if (colons > 1) return absl::StrCat("[", server, "]", port);  // bare v6
  return server;
}

absl::Status CheckTlsFiles(const ConnectionOptions& options) {
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
  }
  if (!options.tls_ca.empty()) {
    MDM_ASSIGN_OR_RETURN(std::string pem,
                         ReadFlagFile("--tls-ca", options.tls_ca));
    MDM_RETURN_IF_ERROR(
        ParseCertificates("--tls-ca", options.tls_ca, pem).status());
  }
  if (options.tls_cert.empty()) return absl::OkStatus();
  MDM_ASSIGN_OR_RETURN(std::string cert_pem,
                       ReadFlagFile("--tls-cert", options.tls_cert));
  MDM_ASSIGN_OR_RETURN(
      std::vector<X509Ptr> chain,
      ParseCertificates("--tls-cert", options.tls_cert, cert_pem));
  MDM_ASSIGN_OR_RETURN(std::string key_pem,
                       ReadFlagFile("--tls-key", options.tls_key));
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())),
      &BIO_free);
  KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr),
             &EVP_PKEY_free);
  if (key == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("--tls-key ", options.tls_key,
                     ": no PEM private key in it: ", OpenSslError()));
  }
  if (X509_check_private_key(chain.front().get(), key.get()) != 1) {
    ERR_clear_error();
    return absl::InvalidArgumentError(
        absl::StrCat("--tls-key ", options.tls_key,
                     " is not the key of --tls-cert ", options.tls_cert));
  }
  return absl::OkStatus();
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
      WithDefaultPort(options.server), *credentials, arguments,
      std::move(interceptors));
}

}  // namespace mdm::cli
