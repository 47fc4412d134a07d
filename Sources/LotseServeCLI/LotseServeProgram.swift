import ArgumentParser
import Foundation
import LotseAllocator
import LotseCore
import LotseOptions
import LotseServe

/// `lotse-serve`: the program behind `lotse serve`, which hands it its options
/// (``ServeOptions``). It can be run on its own too.
@main
struct LotseServeProgram: ParsableCommand {
    static let configuration = ServeOptions.configuration(commandName: "lotse-serve")

    @OptionGroup var options: ServeOptions

    func run() throws {
        if ProcessInfo.processInfo.environment["LOTSE_TIMINGS"] != nil {
            printError("allocator: \(String(cString: lotse_allocator_name()))")
        }
        let content = options.contentOption.content
        let host = options.host
        let port = options.port
        let compileOptions = CompileOptions(content: content, templates: options.templatesOption.templates)
        let site = PreviewSite(options: compileOptions, qrCodes: options.cacheOption.directory.map { QRCodeCache(directory: $0, content: content) })
        // The templates folder in use, unless it is the one that ships with lotse (it never changes).
        var roots = [content]
        if let (url, display) = try? compileOptions.templatesFolder(), url.standardizedFileURL != BundledResources.templates?.standardizedFileURL {
            roots.append(display)
        }
        let watcher: FileWatcher
        do {
            watcher = try FileWatcher(roots: roots)
        } catch {
            printError("lotse: \(error)")
            throw ExitCode.failure
        }
        let server: PreviewServer
        do {
            server = try PreviewServer(site: site, host: host, port: port)
        } catch {
            printError("lotse: cannot listen on \(host): \(error)")
            throw ExitCode.failure
        }
        let done = DispatchSemaphore(value: 0)
        let failed = Flag()
        let stopping = Flag()
        let stopped = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run()
            } catch where !stopping.isSet {
                printError("lotse: cannot serve on \(host):\(port): \(error.localizedDescription)")
                failed.set()
            } catch {
                // Stopped by Ctrl-C or a service manager: the server's run ends with a cancellation.
            }
            done.signal()
        }
        // Listening already: pages asked for meanwhile say the site is being compiled, then reload.
        say("Compiling \(content)/ …")
        show(site.rebuildAll())
        let listening = Box<UInt16>()
        let ready = DispatchSemaphore(value: 0)
        Task {
            listening.value = try? await server.listeningPort()
            ready.signal()
        }
        ready.wait()
        guard let actualPort = listening.value else {
            done.wait()
            throw ExitCode.failure
        }
        let shown = host.contains(":") ? "[\(host)]" : host
        say("Serving at http://\(shown):\(actualPort)\(site.snapshot.basePath) — saving a file rebuilds it; Ctrl-C stops.")
        if !["127.0.0.1", "::1", "localhost"].contains(host) {
            say("Note: --host \(host) lets other computers on the network see this preview.")
        }
        let watching = Thread {
            watcher.run { files in show(site.filesChanged(files)) }
        }
        watching.start()

        // Ctrl-C or a service manager: close the connections, then leave.
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                stopping.set()
                Task {
                    await server.stop()
                    say("Stopped.")
                    stopped.signal()
                }
            }
            source.resume()
            sources.append(source)
        }
        done.wait()
        withExtendedLifetime(sources) {}
        // Asked to stop: the server ends before "Stopped." is printed; leave with success then
        // (the watcher thread never returns, so exit rather than return).
        if stopping.isSet {
            stopped.wait()
            Foundation.exit(0)
        }
        if failed.isSet { throw ExitCode.failure }
    }
}

/// One rebuild, as the terminal shows it: errors as `path:line:col`, new warnings, what was rebuilt.
private func show(_ report: PreviewSite.Report) {
    for warning in report.newWarnings { printError(warning.description) }
    let changed = report.changedFiles.count == 1 ? report.changedFiles[0]
        : report.changedFiles.isEmpty ? "" : "\(report.changedFiles.count) files"
    let when = changed.isEmpty ? "" : " after \(changed) changed"
    let ms = Int((report.seconds * 1000).rounded())
    if report.errors.isEmpty {
        say("Built\(when): \(report.filesRendered) file(s) in \(ms) ms\(report.recompiledAll ? "" : " (only what shows the change)").")
    } else {
        for error in report.errors { printError(error.description) }
        printError("lotse: \(report.errors.count) error(s)\(when); the browser shows them, the last good site is still served")
    }
}

/// Prints a line at once (standard output is a pipe under tests and scripts).
private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// A value handed from a task to the waiting thread.
private final class Box<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    var value: Value? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

/// Set once, from any thread.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
