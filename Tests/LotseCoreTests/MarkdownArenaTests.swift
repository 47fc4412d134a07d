import CCmark
import CMarkdownArena
import Foundation
import Testing
@testable import LotseCore

/// cmark allocating from a per-document bump arena (issue 10) gives the HTML
/// cmark gives with its own allocator, for many, large, nested and parallel
/// documents; the arena keeps blocks' contents when they grow and is empty
/// again when released.
@Suite struct MarkdownArenaTests {
    /// cmark's HTML with its default allocator (malloc): the path before the arena.
    static func mallocHTML(_ markdown: String) -> String {
        let html = cmark_markdown_to_html(markdown, markdown.utf8.count, CMARK_OPT_DEFAULT)!
        defer { free(html) }
        return String(cString: html)
    }

    static func page(_ number: Int) -> String {
        """
        # Seite \(number)

        Ein *Absatz* mit [Link](https://example.org/\(number)) und `Code \(number)`.

        - eins
        - zwei \(String(repeating: "x", count: number % 300))

        > Zitat \(number)

        ```
        \(String(repeating: "code line\n", count: number % 7))
        ```

        """
    }

    nonisolated(unsafe) static let mem = lotse_markdown_arena_cmark_mem()!.assumingMemoryBound(to: cmark_mem.self)

    @Test func manyDocumentsRenderAsWithMalloc() {
        for number in 0..<3000 {
            let markdown = Self.page(number)
            #expect(MarkdownDocument(markdown).renderHTML(headingIDs: []) == Self.mallocHTML(markdown))
        }
    }

    @Test func aDocumentLargerThanAChunkRendersAsWithMalloc() {
        // About 4 MiB of Markdown: many chunks, and an HTML buffer grown far past one.
        let markdown = (0..<6000).map(Self.page).joined(separator: "\n")
        #expect(MarkdownDocument(markdown).renderHTML(headingIDs: []) == Self.mallocHTML(markdown))
        let oneLine = String(repeating: "word ", count: 400_000)
        #expect(MarkdownDocument(oneLine).renderHTML(headingIDs: []) == Self.mallocHTML(oneLine))
    }

    @Test func documentsAliveAtOnceKeepTheirOwnNodes() {
        let first = MarkdownDocument("# One\n\n[a](b)\n")
        let second = MarkdownDocument("## Two\n\n[c](d)\n")
        first.rewriteLinks { _ in .replace("first") }
        second.rewriteLinks { _ in .replaceAppending("second", append: " (more)", ifEmpty: "empty") }
        #expect(first.extractHeadings().map(\.text) == ["One"])
        #expect(second.extractHeadings().map(\.text) == ["Two"])
        #expect(first.renderHTML(headingIDs: ["one"]) == "<h1 id=\"one\">One</h1>\n<p><a href=\"first\">a</a></p>\n")
        #expect(second.renderHTML(headingIDs: []) == "<h2>Two</h2>\n<p><a href=\"second\">c (more)</a></p>\n")
    }

    @Test func documentsOnManyThreadsRenderAsWithMalloc() {
        let expected = (0..<400).map { Self.mallocHTML(Self.page($0)) }
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 400)
        defer { results.deallocate() }
        results.initialize(repeating: false)
        DispatchQueue.concurrentPerform(iterations: 400) { number in
            results[number] = MarkdownDocument(Self.page(number)).renderHTML(headingIDs: []) == expected[number]
        }
        #expect(results.allSatisfy { $0 })
    }

    @Test func growingBlocksKeepTheirBytes() throws {
        let arena = try #require(lotse_markdown_arena_acquire())
        defer { lotse_markdown_arena_release(arena) }
        let previous = lotse_markdown_arena_enter(arena)
        defer { lotse_markdown_arena_leave(previous) }
        let mem = Self.mem.pointee
        var block = try #require(mem.realloc(nil, 10)).assumingMemoryBound(to: UInt8.self)
        var size = 10
        for index in 0..<size { block[index] = UInt8(truncatingIfNeeded: index) }
        var others: [UnsafeMutableRawPointer] = []
        // Grows in place while newest, moves once another block follows; past a chunk (256 KiB) too.
        var step = 0
        while size < 600_000 {
            defer { step += 1 }
            let grown = size * 3 / 2 + 7
            block = try #require(mem.realloc(block, grown)).assumingMemoryBound(to: UInt8.self)
            #expect(Int(bitPattern: block) % 16 == 0)
            for index in size..<grown { block[index] = UInt8(truncatingIfNeeded: index) }
            size = grown
            if step % 3 == 0 { others.append(try #require(mem.calloc(3, 5))) }
        }
        #expect(step > 20)
        #expect((0..<size).allSatisfy { block[$0] == UInt8(truncatingIfNeeded: $0) })
        for other in others {
            #expect(Int(bitPattern: other) % 16 == 0)
            #expect(UnsafeRawBufferPointer(start: other, count: 15).allSatisfy { $0 == 0 })
        }
        // Shrinking keeps the block and its bytes.
        #expect(mem.realloc(block, 5) == UnsafeMutableRawPointer(block))
        #expect((0..<5).allSatisfy { block[$0] == UInt8(truncatingIfNeeded: $0) })
        mem.free(block)
    }

    @Test func aReleasedArenaIsEmptyAndCallocZeroesReusedMemory() throws {
        let mem = Self.mem.pointee
        for _ in 0..<5 {
            let arena = try #require(lotse_markdown_arena_acquire())
            #expect(lotse_markdown_arena_bytes_used(arena) == 0)
            #expect(lotse_markdown_arena_chunk_count(arena) == 1)
            let previous = lotse_markdown_arena_enter(arena)
            for _ in 0..<2000 {
                let block = try #require(mem.calloc(1, 300)).assumingMemoryBound(to: UInt8.self)
                #expect(UnsafeBufferPointer(start: block, count: 300).allSatisfy { $0 == 0 })
                block.update(repeating: 0xAB, count: 300)
            }
            lotse_markdown_arena_leave(previous)
            #expect(lotse_markdown_arena_bytes_used(arena) >= 2000 * 300)
            #expect(lotse_markdown_arena_chunk_count(arena) > 1)
            lotse_markdown_arena_release(arena)
        }
    }
}
