#include "http/server.h"

// Boost 1.74's Asio uses std::exchange without including <utility> under C++20.
#include <utility>

#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/metrics.h"

namespace hearth::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

class Session;

// The connection whose request handler is running on this thread, if any.
thread_local Session* handling_on_this_thread = nullptr;

class Server::Impl {
 public:
  Impl(ServerOptions options, RequestHandler handler, ProtocolErrorRenderer render_error,
       Metrics& metrics)
      : opt(std::move(options)),
        handler(std::move(handler)),
        render_error(std::move(render_error)),
        metrics(metrics),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM) {}

  unsigned short listen();
  void run();
  void request_stop();
  void do_accept();
  void add(const std::shared_ptr<Session>& s);
  void remove(Session* s);

  ServerOptions opt;
  RequestHandler handler;
  ProtocolErrorRenderer render_error;
  Metrics& metrics;
  // Declared before the io_context so they outlive it: destroying it destroys sessions.
  std::mutex mu;
  std::condition_variable cv;
  bool stop_requested = false;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  std::atomic<bool> stopping{false};
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::signal_set signals;
};

// One client connection. All of its state is touched only on its strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Server::Impl& server)
      : server_(server), stream_(std::move(socket)) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
    server_.metrics.connection_opened();
  }
  ~Session() {
    server_.metrics.connection_closed();
    server_.remove(this);
  }

  void start() {
    server_.add(shared_from_this());
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_next(); });
  }

  // Called on shutdown: a connection waiting for its next request is closed now; one in the
  // middle of a request closes after sending the response.
  void close_if_idle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->stream_.socket().close();
    });
  }

 private:
  void read_next() {
    if (server_.stopping) return close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.opt.max_header_bytes));
    parser_->body_limit(server_.opt.max_body_bytes);
    stream_.expires_after(std::chrono::seconds(server_.opt.read_timeout_seconds));
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::end_of_stream || ec == net::error::operation_aborted ||
        ec == beast::error::timeout) {
      return close();
    }
    if (ec == bhttp::error::body_limit) {
      return send_error(413, "body-too-large",
                        "The request body is larger than this server accepts (" +
                            std::to_string(server_.opt.max_body_bytes) + " bytes).");
    }
    if (ec == bhttp::error::header_limit) {
      return send_error(431, "headers-too-large", "The request headers are too large.");
    }
    if (ec) {
      if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
        return send_error(400, "bad-request", "The request could not be understood as HTTP.");
      }
      return close();
    }
    busy_ = true;
    auto& msg = parser_->get();
    keep_alive_ = msg.keep_alive();
    version_ = msg.version();
    head_request_ = msg.method() == bhttp::verb::head;

    Request req;
    req.method = std::string(msg.method_string());
    std::string_view target = msg.target();
    auto q = target.find('?');
    req.path = std::string(target.substr(0, q));
    if (q != std::string_view::npos) req.query = std::string(target.substr(q + 1));
    req.headers.reserve(16);
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    req.body = std::move(msg.body());
    req.remote_address = remote_;

    handling_on_this_thread = this;
    server_.handler(std::move(req), [self = shared_from_this()](Response r) {
      // A handler that answers at once is still on this connection's strand: write directly.
      if (handling_on_this_thread == self.get()) return self->write(std::move(r));
      net::post(self->stream_.get_executor(),
                [self, r = std::move(r)]() mutable { self->write(std::move(r)); });
    });
    handling_on_this_thread = nullptr;
  }

  void send_error(int status, std::string_view slug, const std::string& detail) {
    busy_ = true;
    keep_alive_ = false;
    linger_ = true;
    Response r = server_.render_error(status, slug, detail);
    r.close = true;
    write(std::move(r));
  }

  // Beast parses requests; the response head is written here directly. It is a few lines of
  // text, and building it in one string instead of Beast's per-field containers roughly halves
  // the cost of answering a small request.
  void write(Response r) {
    bool keep = keep_alive_ && !r.close && !server_.stopping;
    unsigned version = version_ ? version_ : 11;
    std::string& h = head_;
    h.clear();
    h += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    h += std::to_string(r.status);
    h += ' ';
    h += bhttp::obsolete_reason(static_cast<bhttp::status>(r.status));
    h += "\r\n";
    auto field = [&h](std::string_view name, std::string_view value) {
      h.append(name).append(": ").append(value).append("\r\n");
    };
    if (!r.content_type.empty()) field("Content-Type", r.content_type);
    for (const auto& [name, value] : r.headers) field(name, value);
    if (r.common_headers) {
      for (const auto& [name, value] : *r.common_headers) field(name, value);
    }
    field("Content-Length", std::to_string(r.body.size()));
    if (!keep && version >= 11) field("Connection", "close");
    if (keep && version == 10) field("Connection", "keep-alive");
    h += "\r\n";
    body_ = head_request_ ? std::string() : std::move(r.body);
    stream_.expires_after(std::chrono::seconds(server_.opt.write_timeout_seconds));
    std::array<net::const_buffer, 2> buffers{net::buffer(head_), net::buffer(body_)};
    net::async_write(stream_, buffers,
                     beast::bind_front_handler(&Session::on_write, shared_from_this(), !keep));
  }

  void on_write(bool close_after, beast::error_code ec, std::size_t) {
    busy_ = false;
    if (!ec && linger_) return drain_then_close();
    if (ec || close_after) return close();
    read_next();
  }

  // After refusing a request whose body is still arriving, read and discard the rest for a
  // moment before closing: closing with unread data makes the kernel send a reset, and the
  // client would see a broken pipe instead of our 413.
  void drain_then_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(2));
    stream_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code e, std::size_t) {
                              if (e) return self->close();
                              self->drain_then_close_more();
                            });
  }
  void drain_then_close_more() {
    stream_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code e, std::size_t) {
                              if (e) return self->close();
                              self->drain_then_close_more();
                            });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  Server::Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string head_, body_;  // the response being written
  std::string remote_;
  unsigned version_ = 11;
  bool keep_alive_ = true;
  bool head_request_ = false;
  bool busy_ = false;
  bool linger_ = false;
  std::array<char, 16384> drain_buffer_{};
};

unsigned short Server::Impl::listen() {
  beast::error_code ec;
  auto address = net::ip::make_address(opt.bind, ec);
  if (ec) throw std::runtime_error("not an IP address to bind to: " + opt.bind);
  tcp::endpoint endpoint(address, opt.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + opt.bind + ":" + std::to_string(opt.port) +
                             ": " + ec.message());
  }
  return acceptor.local_endpoint().port();
}

void Server::Impl::do_accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || stopping) return;
    if (!ec) {
      if (static_cast<std::size_t>(metrics.open_connections()) >= opt.max_connections) {
        // Over the cap: refuse at once rather than let the backlog grow without bound.
        socket.close(ec);
      } else {
        std::make_shared<Session>(std::move(socket), *this)->start();
      }
    }
    do_accept();
  });
}

void Server::Impl::add(const std::shared_ptr<Session>& s) {
  std::lock_guard lock(mu);
  sessions.emplace(s.get(), s);
}

void Server::Impl::remove(Session* s) {
  std::lock_guard lock(mu);
  sessions.erase(s);
  if (sessions.empty()) cv.notify_all();
}

void Server::Impl::request_stop() {
  std::lock_guard lock(mu);
  stop_requested = true;
  cv.notify_all();
}

void Server::Impl::run() {
  signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) request_stop();
  });
  do_accept();
  // Keeps the I/O threads running through shutdown even when no socket operation is pending:
  // a request waiting on the password pool or the writer must still get its response written.
  auto keep_running = net::make_work_guard(ioc);
  int n = opt.threads > 0 ? opt.threads : static_cast<int>(std::thread::hardware_concurrency());
  if (n < 1) n = 1;
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) threads.emplace_back([this] { ioc.run(); });

  std::unique_lock lock(mu);
  cv.wait(lock, [this] { return stop_requested; });
  lock.unlock();

  // Graceful shutdown: no new connections, idle ones closed, busy ones finish their response.
  stopping = true;
  net::post(ioc, [this] {
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
  });
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard guard(mu);
    for (auto& [raw, weak] : sessions) {
      if (auto s = weak.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& s : live) s->close_if_idle();
  live.clear();

  lock.lock();
  cv.wait_for(lock, std::chrono::seconds(opt.shutdown_grace_seconds),
              [this] { return sessions.empty(); });
  lock.unlock();
  keep_running.reset();
  ioc.stop();
  for (auto& t : threads) t.join();
}

Server::Server(ServerOptions options, RequestHandler handler, ProtocolErrorRenderer render_error,
               Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(render_error),
                                   metrics)) {}

Server::~Server() = default;
unsigned short Server::listen() { return impl_->listen(); }
void Server::run() { impl_->run(); }
void Server::stop() { impl_->request_stop(); }
void Server::post(std::function<void()> task) { net::post(impl_->ioc, std::move(task)); }

}  // namespace hearth::http
