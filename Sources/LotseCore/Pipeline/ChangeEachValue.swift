extension Dictionary {
    /// Changes every value in place, without hashing a key.
    ///
    /// Walks the indices by hand: `for index in values.indices` (or `indices`)
    /// holds the collection while its values change, so the first change
    /// copied the whole dictionary (every rendered body of a build; issue 10).
    mutating func changeEachValue(_ change: (inout Value) -> Void) {
        var index = startIndex
        while index != endIndex {
            change(&values[index])
            formIndex(after: &index)
        }
    }
}
