/// One of N deterministic shares of the documents, for a CI matrix or a Kubernetes
/// Indexed Job: the documents sorted by path, every Nth starting at the Kth.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    /// Reads `K/N` with 1 ≤ K ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index)
        else { return nil }
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    /// The items of this shard, in their original order.
    public func select<Item>(_ items: [Item], path: (Item) -> String) -> [Item] {
        let order = items.indices.sorted { path(items[$0]) < path(items[$1]) }
        let chosen = Set(order.enumerated().filter { $0.offset % count == index - 1 }.map(\.element))
        return items.indices.filter(chosen.contains).map { items[$0] }
    }
}
