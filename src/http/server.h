// The HTTP/1.1 server: Boost.Beast, asynchronous, keep-alive, one I/O thread per core by default.
// It parses requests into http::Request, hands them to one RequestHandler, and writes the
// Response back whenever (and from whichever thread) the handler answers. It enforces the
// transport limits: header and body caps, read and write timeouts, a connection cap.
// This is the only translation unit that includes Boost.Beast.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "http/message.h"

namespace hearth::http {

class Metrics;

struct ServerOptions {
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;
  int threads = 0;  // 0: one per core
  std::size_t max_connections = 1024;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  int read_timeout_seconds = 30;  // to receive a whole request, counted from its first wait
  int write_timeout_seconds = 30;
  int shutdown_grace_seconds = 15;  // longest wait for in-flight requests on shutdown
};

// Renders an error the transport found (oversized body, bad syntax) as a response.
using ProtocolErrorRenderer =
    std::function<Response(int status, std::string_view slug, std::string_view detail)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler, ProtocolErrorRenderer render_error,
         Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; throws std::runtime_error with a readable message if it cannot.
  // Returns the port actually bound (useful with port 0).
  unsigned short listen();
  // Runs the I/O threads until SIGINT/SIGTERM (or stop()), then shuts down gracefully: stops
  // accepting, lets in-flight requests finish and their responses be written, closes idle
  // connections, and returns.
  void run();
  // Asks run() to shut down, as a signal would. Thread-safe.
  void stop();
  // Runs `task` on one of the I/O threads. Thread-safe. Tasks posted after run() returns are
  // dropped unrun.
  void post(std::function<void()> task);

  class Impl;  // defined in server.cc, the only place that sees Beast

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace hearth::http
