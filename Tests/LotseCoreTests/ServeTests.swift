import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `lotse serve` as a writer uses it: the built binary serving a fixture
/// site on a free loopback port, a page edited, broken and fixed while it runs.
@Suite(.serialized) struct ServeTests {
    /// A running `lotse serve`, stopped when the test is done.
    final class Server {
        let process = Process()
        let port: Int
        private let output = Output()

        final class Output: @unchecked Sendable {
            private let lock = NSLock()
            private var text = ""
            func append(_ data: Data) { lock.lock(); text += String(decoding: data, as: UTF8.self); lock.unlock() }
            var value: String { lock.lock(); defer { lock.unlock() }; return text }
        }

        init(in folder: URL) throws {
            process.executableURL = CLITests.lotse
            process.arguments = ["serve", "--port", "0", "--host", "127.0.0.1"]
            process.currentDirectoryURL = folder
            var environment = ProcessInfo.processInfo.environment
            environment["SOURCE_DATE_EPOCH"] = "1795564800"
            environment["LOTSE_CACHE_DIR"] = folder.appendingPathComponent(".cache").path
            process.environment = environment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            let output = self.output
            pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
            try process.run()
            // "Serving at http://127.0.0.1:PORT/ …"
            let pattern = #/Serving at http://127\.0\.0\.1:(\d+)//#
            var port: Int?
            let deadline = Date().addingTimeInterval(120)
            while port == nil, Date() < deadline, process.isRunning {
                if let match = output.value.firstMatch(of: pattern) { port = Int(match.output.1) }
                Thread.sleep(forTimeInterval: 0.05)
            }
            guard let port else {
                process.terminate()
                throw ServeError("lotse serve did not start: \(output.value)")
            }
            self.port = port
        }

        deinit {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }

        var log: String { output.value }

        func get(_ path: String) throws -> HTTPReply {
            try HTTPReply.get(path, port: port)
        }

        /// Fetches `path` until `condition` holds (the watcher and the rebuild take a moment).
        func poll(_ path: String, timeout: Double = 60, until condition: (HTTPReply) -> Bool) throws -> HTTPReply {
            let deadline = Date().addingTimeInterval(timeout)
            var last = try get(path)
            while !condition(last) {
                guard Date() < deadline else { throw ServeError("timed out waiting for \(path); last reply \(last.status): \(last.body.prefix(2000))\nserver log:\n\(log)") }
                Thread.sleep(forTimeInterval: 0.05)
                last = try get(path)
            }
            return last
        }
    }

    struct ServeError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// A plain HTTP/1.1 exchange over a loopback socket (the path is sent as
    /// given, `..` included, which URL types would tidy away).
    struct HTTPReply {
        var status: Int
        var headers: [String: String]
        var body: String

        static func get(_ path: String, port: Int, readTimeout: Int = 10) throws -> HTTPReply {
            let raw = try exchange("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", port: port, readTimeout: readTimeout)
            guard let split = raw.range(of: "\r\n\r\n") else { throw ServeError("no HTTP reply: \(raw)") }
            let head = raw[..<split.lowerBound].split(separator: "\r\n")
            let status = Int(head.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
            var headers: [String: String] = [:]
            for line in head.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            return HTTPReply(status: status, headers: headers, body: String(raw[split.upperBound...]))
        }

        /// Sends `request`, reads until the server closes the connection or `readTimeout` seconds pass.
        static func exchange(_ request: String, port: Int, readTimeout: Int, stopWhen: ((String) -> Bool)? = nil) throws -> String {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw ServeError("socket failed") }
            defer { close(fd) }
            var timeout = timeval(tv_sec: readTimeout, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw ServeError("cannot connect to port \(port)") }
            _ = request.withCString { send(fd, $0, strlen($0), 0) }
            var data = Data()
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n <= 0 { break }
                data.append(contentsOf: buffer[0..<n])
                if let stopWhen, stopWhen(String(decoding: data, as: UTF8.self)) { break }
            }
            return String(decoding: data, as: UTF8.self)
        }
    }

    static func fixture() throws -> Fixture {
        let site = try SiteQuestionnaireTests.fixture()
        try FileManager.default.copyItem(atPath: Fixture.templates, toPath: site.root.appendingPathComponent("templates").path)
        try site.write("content/de/work.md", Fixture.page("Arbeit", "Erster Text.\n"))
        return site
    }

    static let canRun = FileManager.default.isExecutableFile(atPath: CLITests.lotse.path)

    @Test(.enabled(if: canRun), .timeLimit(.minutes(5)))
    func aSavedPageIsServedAnErrorShownAndTheFixServedAgain() throws {
        let site = try Self.fixture()
        let server = try Server(in: site.root)

        let page = try server.get("/de/work/")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.body.contains("Erster Text."))
        #expect(page.body.contains("lotse serve: reloads this page after a rebuild"))

        // Saved: the new text is served, without a restart.
        try site.write("content/de/work.md", Fixture.page("Arbeit", "Zweiter Text.\n"))
        let edited = try server.poll("/de/work/") { $0.body.contains("Zweiter Text.") }
        #expect(edited.status == 200)
        // The page in the other languages shows it too (a fallback of the German page).
        #expect(try server.get("/en/work/").body.contains("Zweiter Text."))

        // Broken: every page shows the error, with its place; the stylesheet is still served.
        try site.write("content/de/work.md", Fixture.page("Arbeit", "[kaputt](weg.md)\n"))
        let broken = try server.poll("/de/work/") { $0.status == 500 }
        #expect(broken.body.contains("content/de/work.md:4:1</code>: link to a page that does not exist: 'weg.md'"))
        #expect(broken.body.contains("lotse serve: reloads this page after a rebuild"))
        #expect(try server.get("/de/").status == 500)
        #expect(try server.get("/style.css").status == 200)
        #expect(try server.get("/de/work/?lotse-last-good").body.contains("Zweiter Text."))

        // Fixed: the page again.
        try site.write("content/de/work.md", Fixture.page("Arbeit", "Dritter Text.\n"))
        let fixed = try server.poll("/de/work/") { $0.status == 200 }
        #expect(fixed.body.contains("Dritter Text."))
        #expect(server.log.contains("content/de/work.md:4:1: error: link to a page that does not exist: 'weg.md'"))
    }

    @Test(.enabled(if: canRun), .timeLimit(.minutes(5)))
    func servesFromMemoryLikeAWebServerAndStopsCleanly() throws {
        let site = try Self.fixture()
        let server = try Server(in: site.root)

        #expect(try server.get("/style.css").headers["content-type"] == "text/css; charset=utf-8")
        #expect(try server.get("/sitemap.xml").headers["content-type"] == "application/xml; charset=utf-8")
        #expect(try server.get("/robots.txt").headers["content-type"] == "text/plain; charset=utf-8")
        let root = try server.get("/")
        #expect(root.status == 200)
        #expect(root.body.contains("<html"))
        let folder = try server.get("/de/work")
        #expect(folder.status == 301)
        #expect(folder.headers["location"] == "/de/work/")
        let missing = try server.get("/de/no-such-page/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("<html"))
        #expect(try server.get("/de/../../etc/passwd").status == 400)
        #expect(try server.get("/de/%2e%2e/%2e%2e/etc/passwd").status == 400)
        // Nothing was written to disk.
        #expect(!FileManager.default.fileExists(atPath: site.output))

        // The bytes are those lotse build writes, but for the reload script in pages.
        let build = try CLITests.run(["build", "--output", "built"], in: site.root)
        #expect(build.status == 0, "\(build.stderr)")
        for (path, file) in [("/de/work/", "de/work/index.html"), ("/ar/", "ar/index.html"), ("/style.css", "style.css"),
                             ("/sitemap.xml", "sitemap.xml"), ("/de/can-i-work/", "de/can-i-work/index.html")] {
            let built = try String(contentsOf: site.root.appendingPathComponent("built/" + file), encoding: .utf8)
            let served = try server.get(path).body.replacing(#/<script>/\* lotse serve: [^\n]*</script>\n/#, with: "")
            #expect(served == built, "\(path)")
        }
        // Every file the build wrote is served with its bytes: print versions, leaflets, /status/, _headers, ….
        let builtRoot = site.root.appendingPathComponent("built")
        let builtFiles = (FileManager.default.enumerator(atPath: builtRoot.path)?.compactMap { $0 as? String } ?? [])
            .filter { !$0.hasPrefix(".") && !$0.contains("/.") }
            .filter { var folder: ObjCBool = false
                return FileManager.default.fileExists(atPath: builtRoot.appendingPathComponent($0).path, isDirectory: &folder) && !folder.boolValue }
        #expect(builtFiles.contains("_headers") && builtFiles.contains("status/index.html"))
        #expect(builtFiles.contains { $0.contains("/leaflet/") })
        for file in builtFiles {
            let built = try String(contentsOf: builtRoot.appendingPathComponent(file), encoding: .utf8)
            let reply = try server.get("/" + file)
            #expect(reply.status == 200, "/\(file)")
            #expect(reply.body.replacing(#/<script>/\* lotse serve: [^\n]*</script>\n/#, with: "") == built, "/\(file)")
        }

        // A page opened before a rebuild is told to reload.
        let events = try HTTPReply.exchange("GET /_lotse/events?since=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", port: server.port,
                                            readTimeout: 10) { $0.contains("event: reload") }
        #expect(events.contains("text/event-stream"))
        #expect(events.contains("event: reload"))

        // Ctrl-C or SIGTERM: a clean exit.
        server.process.terminate()
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0, "\(server.log)")
        #expect(server.log.contains("Stopped."))
    }

    /// The reload script is the only script Lotse ever emits, and only in serve.
    @Test(.enabled(if: canRun))
    func theBuiltSiteHasNoScript() throws {
        let site = try Self.fixture()
        let build = try CLITests.run(["build"], in: site.root)
        #expect(build.status == 0, "\(build.stderr)")
        let files = FileManager.default.enumerator(atPath: site.output)?.compactMap { $0 as? String } ?? []
        let pages = files.filter { $0.hasSuffix(".html") }
        #expect(pages.count > 10)
        for page in pages {
            let html = try site.read(page)
            #expect(!html.lowercased().contains("<script"), "\(page) has a script")
            #expect(!html.contains("_lotse"), "\(page)")
        }
    }
}
