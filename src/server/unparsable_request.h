// Names the problem when a request message does not parse.
//
//   std::vector<std::unique_ptr<
//       grpc::experimental::ServerInterceptorFactoryInterface>> creators;
//   creators.push_back(std::make_unique<UnparsableRequestFactory>());
//   builder.experimental().SetInterceptorCreators(std::move(creators));
//
// gRPC answers a unary request whose bytes do not parse as the method's
// message (e.g. a string field holding invalid UTF-8, which proto3 forbids)
// with INTERNAL and no message, as if the server had failed. This turns that
// answer into INVALID_ARGUMENT naming the method and the likely cause. Every
// INTERNAL status the handlers return carries a message, so an empty one can
// only come from gRPC's parsing. Thread-safe.
#ifndef MDM_SRC_SERVER_UNPARSABLE_REQUEST_H_
#define MDM_SRC_SERVER_UNPARSABLE_REQUEST_H_

#include <grpcpp/support/server_interceptor.h>

namespace mdm::server {

class UnparsableRequestFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace mdm::server

#endif  // MDM_SRC_SERVER_UNPARSABLE_REQUEST_H_
