import FlyingFox
import FlyingSocks
import Foundation

/// The HTTP side of `lotse serve`: answers from a ``PreviewSite`` in memory
/// and streams reload events to the open pages.
///
/// Built on FlyingFox: a small HTTP server on Swift concurrency with no
/// dependencies of its own, which builds in seconds; a preview server needs
/// no more (Hummingbird would bring SwiftNIO and minutes of build time).
public final class PreviewServer: Sendable {
    public let site: PreviewSite
    private let server: HTTPServer
    private let events: ReloadEvents

    /// - Parameters:
    ///   - host: an IPv4 or IPv6 address, or `localhost`.
    ///   - port: 0 picks a free port (see ``listeningPort()``).
    public init(site: PreviewSite, host: String, port: UInt16) throws {
        self.site = site
        let events = ReloadEvents(generation: site.snapshot.generation)
        self.events = events
        let address: any SocketAddress
        if host == "localhost" {
            address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        } else if host.contains(":") {
            address = try sockaddr_in6.inet6(ip6: host, port: port)
        } else {
            address = try sockaddr_in.inet(ip4: host, port: port)
        }
        server = HTTPServer(address: address, timeout: 30, logger: .disabled,
                            handler: Handler(site: site, events: events))
        site.onRebuild = { generation in events.send(generation: generation) }
    }

    /// Serves until ``stop()``.
    public func run() async throws {
        let events = self.events
        let pings = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 20_000_000_000)
                events.ping()
            }
        }
        defer { pings.cancel() }
        try await server.run()
    }

    /// The port the server listens on, once it does.
    public func listeningPort() async throws -> UInt16 {
        try await server.waitUntilListening()
        switch await server.listeningAddress {
        case let .ip4(_, port), let .ip6(_, port): return port
        default: return 0
        }
    }

    /// Closes the event streams and the listening socket.
    public func stop() async {
        events.finishAll()
        await server.stop(timeout: 1)
    }

    struct Handler: HTTPHandler {
        let site: PreviewSite
        let events: ReloadEvents

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            guard request.method == .GET || request.method == .HEAD else {
                let headers: HTTPHeaders = [HTTPHeader("Allow"): "GET, HEAD"]
                return HTTPResponse(statusCode: .methodNotAllowed, headers: headers)
            }
            let path = request.target.path(percentEncoded: true)
            if path == ReloadScript.eventsPath {
                let since = request.query.first { $0.name == "since" }.flatMap { Int($0.value) }
                let stream = events.subscribe(since: since)
                let headers: HTTPHeaders = [.contentType: "text/event-stream", .cacheControl: "no-store"]
                return HTTPResponse(statusCode: .ok, headers: headers,
                                    body: HTTPBodySequence(from: EventStreamBytes(stream: stream)))
            }
            let answer = PreviewResponse.respond(to: path, query: request.target.query(percentEncoded: true), site: site.snapshot)
            var headers = HTTPHeaders()
            for (name, value) in answer.headers { headers[HTTPHeader(name)] = value }
            let body = request.method == .HEAD ? Data() : answer.body
            if request.method == .HEAD { headers[.contentLength] = String(answer.body.count) }
            return HTTPResponse(statusCode: HTTPStatusCode(answer.status, phrase: Self.phrase(answer.status)),
                                headers: headers, body: body)
        }

        static func phrase(_ status: Int) -> String {
            switch status {
            case 200: return "OK"
            case 301: return "Moved Permanently"
            case 302: return "Found"
            case 400: return "Bad Request"
            case 404: return "Not Found"
            case 500: return "Internal Server Error"
            default: return ""
            }
        }
    }
}
