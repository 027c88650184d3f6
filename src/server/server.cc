#include "src/server/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "src/server/unparsable_request.h"

namespace mdm::server {

MdmServer::MdmServer(engine::Engine* engine, const ServerOptions& options)
    : access_(options.tokens, options.clock),
      admission_(options.admission),
      records_(engine, &access_, &admission_, options.records),
      change_feed_(engine, &access_, &admission_, options.change_feed),
      schema_(engine, &access_),
      matching_(engine, &access_, &admission_),
      steward_(engine, &access_, &admission_),
      admin_(engine, &access_, &admission_, options.admin) {}

namespace {

std::shared_ptr<grpc::ServerCredentials> Credentials(
    const std::optional<TlsOptions>& tls) {
  if (!tls.has_value()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions ssl(
      tls->client_ca.empty()
          ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
          : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  ssl.pem_root_certs = tls->client_ca;
  ssl.pem_key_cert_pairs.push_back(
      {.private_key = tls->private_key, .cert_chain = tls->certificate_chain});
  return grpc::SslServerCredentials(ssl);
}

}  // namespace

absl::StatusOr<std::unique_ptr<MdmServer>> MdmServer::Start(
    engine::Engine* engine, const ServerOptions& options) {
  std::unique_ptr<MdmServer> server(new MdmServer(engine, options));
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.address, Credentials(options.tls),
                           &server->port_);
  grpc::ResourceQuota quota("mdmd");
  quota.SetMaxThreads(options.max_threads);
  builder.SetResourceQuota(quota);
  // A second server on the same port would otherwise share it silently.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetSyncServerOption(
      grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, options.min_pollers);
  builder.SetSyncServerOption(
      grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, options.max_pollers);
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
  builder.SetMaxSendMessageSize(options.max_message_bytes);
  builder.RegisterService(&server->records_);
  builder.RegisterService(&server->change_feed_);
  builder.RegisterService(&server->schema_);
  builder.RegisterService(&server->matching_);
  builder.RegisterService(&server->steward_);
  builder.RegisterService(&server->admin_);
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      interceptors;
  interceptors.push_back(std::make_unique<UnparsableRequestFactory>());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.address,
                     " (in use, or not a local address?)"));
  }
  return server;
}

MdmServer::~MdmServer() { Shutdown(absl::ZeroDuration()); }

void MdmServer::Shutdown(absl::Duration grace) {
  if (server_ == nullptr) return;
  admission_.BeginDrain();
  server_->Shutdown(std::chrono::system_clock::now() +
                    absl::ToChronoMilliseconds(grace));
}

void MdmServer::ReplaceTokens(std::shared_ptr<const TokenTable> tokens) {
  access_.ReplaceTokens(std::move(tokens));
}

void MdmServer::Wait() {
  if (server_ != nullptr) server_->Wait();
}

}  // namespace mdm::server
