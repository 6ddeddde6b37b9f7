/// @file http_server.cpp
/// cpp-httplib wiring: routes, JSON for every error status, one log line per
/// request, a thread per connection up to a bound, signals handled by one thread.
#include "http_server.hpp"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <ostream>
#include <thread>

#include "connection_pool.hpp"
#include "exit_codes.hpp"
#include "newsdex/error.hpp"

namespace newsdex::server {

namespace {

thread_local std::chrono::steady_clock::time_point request_start;

Params params_of(const httplib::Request& req) {
    Params params;
    for (const auto& [name, value] : req.params) params.emplace_back(name, value);
    return params;
}

void send(httplib::Response& res, const HttpReply& reply) {
    res.status = reply.status;
    if (reply.status == 503) res.set_header("Retry-After", "1");
    res.set_content(reply.body, reply.content_type.c_str());
}

void add_routes(httplib::Server& http, const HttpApi& api) {
    http.Get("/", [](const httplib::Request&, httplib::Response& res) { send(res, HttpApi::page()); });
    http.Get("/search", [&api](const httplib::Request& req, httplib::Response& res) { send(res, api.search(params_of(req))); });
    http.Get(R"(/articles/(.+))", [&api](const httplib::Request& req, httplib::Response& res) {
        send(res, api.article(req.matches[1].str()));
    });
    http.Get("/health", [&api](const httplib::Request&, httplib::Response& res) { send(res, api.health()); });
    http.Get("/stats", [&api](const httplib::Request&, httplib::Response& res) { send(res, api.stats()); });
    // Every other answer of 400 and above (unknown path 404, request line
    // too long 414, ...) is JSON too.
    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        std::string message = res.status == 404   ? "no such path: " + req.path
                              : res.status == 413 ? "request too large"
                              : res.status == 414 ? "request line too long (at most 8192 bytes)"
                                                  : "HTTP error " + std::to_string(res.status);
        send(res, HttpApi::error(res.status, res.status == 404 ? "not_found" : "http", message));
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        send(res, HttpApi::error(500, "internal", "internal error: " + what));
    });
}

/// Before routing (and before any body is read): the request's start time
/// for the log, and every method but GET and HEAD refused at once with 405,
/// so a POST cannot hold a connection thread while it sends a body.
void add_pre_routing(httplib::Server& http) {
    http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        request_start = std::chrono::steady_clock::now();
        if (req.method == "GET" || req.method == "HEAD") return httplib::Server::HandlerResponse::Unhandled;
        send(res, HttpApi::error(405, "http", "method " + req.method + " not allowed: this API is read-only (GET)"));
        res.set_header("Allow", "GET, HEAD");
        return httplib::Server::HandlerResponse::Handled;
    });
}

/// One line per request on the log: client, request line, status, bytes, time.
/// A request refused before it was parsed (a request line over 8 KB) has no
/// client, method or start time: they are logged as "-".
void add_logging(httplib::Server& http, std::ostream& log, std::mutex& log_mutex) {
    http.set_logger([&log, &log_mutex](const httplib::Request& req, const httplib::Response& res) {
        std::string took = "-";
        if (request_start != std::chrono::steady_clock::time_point{}) {
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_start).count();
            char text[32];
            std::snprintf(text, sizeof text, "%.1fms", ms);
            took = text;
        }
        request_start = {};
        const std::string client = req.remote_addr.empty() ? "-" : req.remote_addr;
        const std::string method = req.method.empty() ? "-" : req.method;
        std::string target = req.target.empty() ? "-" : req.target;
        if (target.size() > 300) target = target.substr(0, 300) + "...";
        std::lock_guard<std::mutex> lock(log_mutex);
        log << "newsdex-search: " << client << " \"" << method << ' ' << target << "\" " << res.status << ' '
            << res.body.size() << ' ' << took << '\n' << std::flush;
    });
}

/// SIGINT and SIGTERM are blocked in every thread and waited for by one,
/// which stops the server: requests under way finish, then listen() returns.
class SignalStop {
  public:
    SignalStop() {
        sigemptyset(&signals_);
        sigaddset(&signals_, SIGINT);
        sigaddset(&signals_, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
    }
    ~SignalStop() {
        if (waiter_.joinable()) {
            pthread_kill(waiter_.native_handle(), SIGTERM);  // wake it if no signal came
            waiter_.join();
        }
        pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    }
    void start(httplib::Server& http) {
        waiter_ = std::thread([this, &http] {
            int signal = 0;
            sigwait(&signals_, &signal);
            http.stop();
        });
    }

  private:
    sigset_t signals_{};
    sigset_t previous_{};
    std::thread waiter_;
};

}  // namespace

void parse_listen_address(const std::string& text, ServeOptions& options) {
    std::string host = options.address, port = text;
    const std::size_t colon = text.rfind(':');
    if (colon != std::string::npos) {
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
        if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    }
    const bool digits = !port.empty() && port.size() <= 5 && port.find_first_not_of("0123456789") == std::string::npos;
    const long number = digits ? std::stol(port) : -1;
    if (host.empty() || number < 0 || number > 65535) {
        throw UsageError("--serve takes [ADDR:]PORT with a port from 1 to 65535 (0: any free port), not \"" + text +
                         "\"");
    }
    options.address = host;
    options.port = static_cast<int>(number);
}

int serve(const std::vector<std::filesystem::path>& indexes, const ServeOptions& options, std::ostream& log) {
    const unsigned cores = std::max(2u, std::thread::hardware_concurrency());
    const unsigned workers = options.workers ? options.workers : cores;
    SearcherPool pool(indexes, workers, options.queue_limit, options.searcher);
    HttpApi api(pool, options.limits);
    SignalStop stop;  // before any thread starts, so that every thread inherits the mask
    httplib::Server http;
    // A connection thread per searching, waiting and refused request (so that
    // overload is answered with 503 rather than left unanswered), plus a few;
    // as many accepted connections again may wait for a thread, the rest wait
    // in the kernel's listen backlog.
    const std::size_t connection_threads = workers + options.queue_limit + 8;
    http.new_task_queue = [connection_threads] { return new ConnectionPool(connection_threads, connection_threads); };
    // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a
    // second server on the same port starts and takes half the requests.
    http.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // Headers and body go out in separate writes: without TCP_NODELAY, Nagle
    // and the client's delayed ACK add 40 ms to every answer.
    http.set_tcp_nodelay(true);
    http.set_payload_max_length(64 * 1024);  // GET only: no request needs a body
    http.set_read_timeout(5, 0);
    http.set_write_timeout(5, 0);
    http.set_keep_alive_timeout(5);
    add_pre_routing(http);
    add_routes(http, api);
    std::mutex log_mutex;
    if (!options.quiet) add_logging(http, log, log_mutex);
    // Port 0: the system picks a free port, which the "serving" line names.
    int port = options.port;
    if (port == 0) port = http.bind_to_any_port(options.address);
    if (port <= 0 || (options.port != 0 && !http.bind_to_port(options.address, port))) {
        log << "newsdex-search: cannot listen on " << options.address << ':' << options.port
            << " (address in use, not this machine's, or a port below 1024 without privileges)\n";
        return cli::exit_unavailable;
    }
    log << "newsdex-search: serving " << indexes.size() << (indexes.size() == 1 ? " index" : " indexes") << " on http://"
        << (options.address.find(':') != std::string::npos ? "[" + options.address + "]" : options.address) << ':'
        << port << "/ with " << workers << " workers (Ctrl-C stops)\n" << std::flush;
    stop.start(http);
    http.listen_after_bind();
    log << "newsdex-search: stopped\n";
    return cli::exit_ok;
}

}  // namespace newsdex::server
