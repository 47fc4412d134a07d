import FlyingFox
import FlyingSocks
import Foundation

/// The browsers showing the preview, told after every rebuild: each open
/// page holds one server-sent-events stream (`/_lotse/events`), and gets a
/// `reload` event when the site's generation changes.
final class ReloadEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<Data>.Continuation] = [:]
    private var generation: Int

    init(generation: Int) {
        self.generation = generation
    }

    /// A new stream. `since` is the generation the page was rendered at: if
    /// the site changed after that, the page reloads at once.
    func subscribe(since: Int?) -> AsyncStream<Data> {
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        lock.lock()
        clients[id] = continuation
        let current = generation
        lock.unlock()
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            self.lock.lock()
            self.clients[id] = nil
            self.lock.unlock()
        }
        // Reconnect quickly after a restart of the server; the comment makes the response start at once.
        continuation.yield(Data("retry: 1000\n: lotse serve\n\n".utf8))
        if let since, since != current {
            continuation.yield(Self.reload(current))
        }
        return stream
    }

    /// Tells every open page that the site is now at `generation`.
    func send(generation: Int) {
        lock.lock()
        self.generation = generation
        let all = Array(clients.values)
        lock.unlock()
        for client in all { client.yield(Self.reload(generation)) }
    }

    /// A comment every now and then finds the streams of pages that were closed.
    func ping() {
        lock.lock()
        let all = Array(clients.values)
        lock.unlock()
        for client in all { client.yield(Data(": ping\n\n".utf8)) }
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return clients.count
    }

    /// Ends every stream (when the server stops).
    func finishAll() {
        lock.lock()
        let all = Array(clients.values)
        clients = [:]
        lock.unlock()
        for client in all { client.finish() }
    }

    static func reload(_ generation: Int) -> Data {
        Data("event: reload\ndata: \(generation)\n\n".utf8)
    }
}

/// An `AsyncStream` of data as the byte sequence FlyingFox sends as a chunked body.
struct EventStreamBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<Data>

    func makeAsyncIterator() -> Iterator {
        Iterator(base: stream.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<Data>.Iterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            guard await fill() else { return nil }
            return pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            guard await fill() else { return nil }
            let n = Swift.min(Swift.max(count, 1), pending.count)
            let chunk = Array(pending.prefix(n))
            pending.removeFirst(n)
            return chunk
        }

        private mutating func fill() async -> Bool {
            while pending.isEmpty {
                guard let data = await base.next() else { return false }
                pending = Array(data)
            }
            return true
        }
    }
}
