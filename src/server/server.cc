#include "src/server/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <chrono>

#include "absl/strings/str_cat.h"

namespace mdm::server {

MdmServer::MdmServer(engine::Engine* engine, const ServerOptions& options)
    : records_(engine, options.records),
      change_feed_(engine, options.change_feed),
      schema_(engine),
      matching_(engine),
      steward_(engine) {}

absl::StatusOr<std::unique_ptr<MdmServer>> MdmServer::Start(
    engine::Engine* engine, const ServerOptions& options) {
  std::unique_ptr<MdmServer> server(new MdmServer(engine, options));
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.address, grpc::InsecureServerCredentials(),
                           &server->port_);
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
  server_->Shutdown(std::chrono::system_clock::now() +
                    absl::ToChronoMilliseconds(grace));
}

void MdmServer::Wait() {
  if (server_ != nullptr) server_->Wait();
}

}  // namespace mdm::server
