/// Names made unique by a number after a repeated one (`key`, `key-2`, `key-3`…).
///
/// Why: heading ids and the section keys of translation status both number
/// a name that repeats. Trying 1, 2, 3… again for every repeat was quadratic
/// (a page with 50,000 equal headings took over a minute; issue 10), so the
/// next number to try is kept per name: the numbers below it are taken for
/// good, since names are only ever added.
struct UniqueNames {
    /// Names taken by ``claim(_:)``.
    private var used: Set<String> = []
    /// Names taken from the start, asked apart (not copied into `used` for every page's headings).
    private let reserved: Set<String>
    private var nextNumber: [String: Int] = [:]
    /// The number the first repeat of a name gets.
    private let firstNumber: Int

    /// - Parameters:
    ///   - firstNumber: the number of a name's first repeat (heading ids count from 1, section keys from 2).
    ///   - reserved: names that are taken from the start.
    ///   - capacity: how many names will be claimed, when known (the set is then made at its size, not grown).
    init(firstNumber: Int, reserved: Set<String> = [], capacity: Int = 0) {
        self.firstNumber = firstNumber
        self.reserved = reserved
        used.reserveCapacity(capacity)
    }

    private func isTaken(_ name: String) -> Bool {
        used.contains(name) || reserved.contains(name)
    }

    /// `name` itself if it is free, else `name-n` with the smallest free `n` from the first number up; taken from now on.
    mutating func claim(_ name: String) -> String {
        var unique = name
        if isTaken(unique) {
            var n = nextNumber[name] ?? firstNumber
            repeat {
                unique = "\(name)-\(n)"
                n += 1
            } while isTaken(unique)
            nextNumber[name] = n
        }
        used.insert(unique)
        return unique
    }
}
