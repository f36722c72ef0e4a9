import Foundation

extension Equilibrium {
    /// The members a `wre-result/1` document may hold (those `jsonData()` writes).
    static let resultFields = ["format", "status", "solver", "mode", "iterations", "seconds", "kktResidual", "scaledResidual",
                               "roundingFloor", "tolerance", "convex", "unique", "convexityMargin", "certifyingScale",
                               "certificateMethod", "certificateNote", "timing", "solverChoice", "objective", "revisionShare",
                               "counts", "items", "revisions", "trajectory", "equilibria"]

    /// Reads a `wre-result/1` document as written by `jsonData()` (e.g. `wre solve --json`), so
    /// a later run can warm-start from it. `null` numbers read as NaN; members absent from older
    /// files (`trajectory`, `equilibria`, `classChangePulls`, …) take empty values. Unknown fields
    /// are errors.
    ///
    /// Classes are what docs/results.md makes them, a function of each item's group, initial value and
    /// value: every `class` must name a class of its item's group, and is read back as the
    /// class of its item's initial value and value (the class written, for a file written by this
    /// version; for a file written when judgments were classed by value alone, the class relative
    /// to the starting stance). `counts` are the tallies of the items' classes.
    ///
    /// - Throws: `ProblemFileError` naming the file and the JSON path of a wrong value.
    public init(jsonData data: Data, file: String = "result JSON") throws {
        let reader = ResultReader(file: file)
        let document = try JSONNode.parse(data, file: file)
        // The format first, so that another kind of file is named as such.
        if case let .object(members) = document.value, case let .string(format)? = members.first(where: { $0.0 == "format" })?.1,
           format != Self.fileFormat {
            throw ProblemFileError.wrongType(file: file, path: "format", expected: "\"\(Self.fileFormat)\" (found \"\(format)\")")
        }
        let top = try document.members(allowed: Self.resultFields)
        let format = try top["format"].requiredString(path: "format", file: file)
        guard format == Self.fileFormat else {
            throw ProblemFileError.wrongType(file: file, path: "format", expected: "\"\(Self.fileFormat)\" (found \"\(format)\")")
        }
        let status: SolverStatus = try reader.enumeration(top["status"], path: "status")
        let solver: SolverKind = try reader.enumeration(top["solver"], path: "solver")
        let mode: Mode = try reader.enumeration(top["mode"], path: "mode")
        func optionalBool(_ name: String) throws -> Bool? {
            switch top[name]?.value {
            case nil, .null?: return nil
            case let .bool(b)?: return b
            default: throw ProblemFileError.wrongType(file: file, path: name, expected: "true, false or null")
            }
        }
        let unique = try optionalBool("unique")
        // Results written before `convex` existed said `unique` for what was the convexity claim.
        let convex = top["convex"] == nil ? unique : try optionalBool("convex")
        let method: Certificate.Method? = try top["certificateMethod"].flatMap { $0.isNull ? nil : try reader.enumeration($0, path: "certificateMethod") }
        let certificate = Certificate(convex: convex, unique: unique, convexityMargin: try reader.optionalNumber(top["convexityMargin"]),
                                      certifyingScale: try reader.optionalNumber(top["certifyingScale"]), method: method,
                                      note: try top["certificateNote"].map { $0.isNull ? "" : try $0.string() } ?? "")
        let split = try top["objective"].map { node -> ObjectiveSplit in
            let f = try node.members(allowed: ["total", "coherence", "revisionCost", "parsimonyCost"])
            return ObjectiveSplit(coherence: try reader.number(f["coherence"], path: "objective.coherence"),
                                  revisionCost: try reader.number(f["revisionCost"], path: "objective.revisionCost"),
                                  parsimonyCost: try reader.number(f["parsimonyCost"], path: "objective.parsimonyCost"))
        } ?? ObjectiveSplit(coherence: .nan, revisionCost: .nan, parsimonyCost: .nan)
        let shares = try top["revisionShare"].map { node -> GroupShares in
            let f = try node.members(allowed: Group.allCases.map(\.plural))
            func share(_ g: Group) throws -> Double { try reader.optionalNumber(f[g.plural]) ?? 0 }
            return GroupShares(judgments: try share(.judgment), principles: try share(.principle), theories: try share(.theory))
        } ?? GroupShares(judgments: 0, principles: 0, theories: 0)
        if let node = top["counts"] {
            let f = try node.members(allowed: Group.allCases.map(\.plural))
            for g in Group.allCases {
                let classes = try f[g.plural]?.members(allowed: ItemClass.classes(of: g).map(\.rawValue)) ?? [:]
                for node in classes.values { _ = try reader.integer(node, path: node.path) }
            }
        }
        let items = try top["items"].requiredElements(path: "items", file: file).map(reader.item)
        var counts: [Group: [String: Int]] = [:]
        for g in Group.allCases { counts[g] = Dictionary(uniqueKeysWithValues: ItemClass.classes(of: g).map { ($0.rawValue, 0) }) }
        for item in items { counts[item.group]![item.class.rawValue, default: 0] += 1 }
        let outcomes = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let revisions = try top["revisions"]?.elements().map { node -> Revision in
            let f = try node.members(allowed: ["id", "from", "to", "class", "pulls"])
            let id = try f["id"].requiredString(path: "\(node.path).id", file: file)
            let group = outcomes[id]?.group
            let from = try reader.number(f["from"], path: "\(node.path).from"), to = try reader.number(f["to"], path: "\(node.path).to")
            let path = "\(node.path).class"
            let cls: ItemClass = try group.map { try reader.itemClass(f["class"], path: path, group: $0, initial: from, value: to) }
                ?? reader.enumeration(f["class"], path: path)
            return Revision(id: id, group: group ?? .judgment, from: from, to: to, class: cls,
                            pulls: try f["pulls"]?.elements().map(reader.pull) ?? [])
        } ?? []
        let trajectory = try top["trajectory"]?.elements().map(reader.step) ?? []
        let equilibria = try top["equilibria"]?.elements().map { try reader.point($0, outcomes: outcomes) }
        self.init(status: status, solver: solver, mode: mode,
                  iterations: try reader.integer(top["iterations"], path: "iterations"),
                  seconds: try reader.optionalNumber(top["seconds"]) ?? .nan,
                  kktResidual: try reader.optionalNumber(top["kktResidual"]) ?? .nan,
                  scaledResidual: try reader.optionalNumber(top["scaledResidual"]) ?? .nan,
                  tolerance: try reader.optionalNumber(top["tolerance"]) ?? .nan,
                  certificate: certificate, objective: split, revisionShare: shares, items: items, revisions: revisions,
                  counts: ClassCounts(judgments: counts[.judgment] ?? [:], principles: counts[.principle] ?? [:],
                                      theories: counts[.theory] ?? [:]),
                  trajectory: trajectory, equilibria: equilibria)
        roundingFloor = try reader.optionalNumber(top["roundingFloor"])
        solverChoice = try top["solverChoice"].flatMap { $0.isNull ? nil : try $0.string() }
        if let node = top["timing"] {
            let f = try node.members(allowed: ["load", "validate", "solve", "certify", "analysis", "report", "other", "total"])
            func t(_ name: String) throws -> Double { try reader.optionalNumber(f[name]) ?? 0 }
            timing = SolveTiming(validate: try t("validate"), solve: try t("solve"), certify: try t("certify"), analysis: try t("analysis"),
                                 load: try reader.optionalNumber(f["load"]), report: try reader.optionalNumber(f["report"]),
                                 total: try reader.optionalNumber(f["total"]))
        }
    }

    /// Reads a `wre-result/1` file (see `init(jsonData:file:)`).
    public init(contentsOf url: URL) throws {
        try self.init(jsonData: try ProblemFile.contents(of: url), file: url.lastPathComponent)
    }
}

/// Field readers for result documents (numbers may be `null`, enumerations are strings).
private struct ResultReader {
    let file: String

    func enumeration<T: RawRepresentable & CaseIterable>(_ node: JSONNode?, path: String) throws -> T where T.RawValue == String {
        let name = try node.requiredString(path: path, file: file)
        guard let value = T(rawValue: name) else {
            throw ProblemFileError.wrongType(file: file, path: path, expected: "one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// A number, `nil` for an absent field or `null`.
    func optionalNumber(_ node: JSONNode?) throws -> Double? {
        guard let node, !node.isNull else { return nil }
        return try node.number()
    }

    /// A number, NaN for `null`; an absent field is an error.
    func number(_ node: JSONNode?, path: String) throws -> Double {
        guard let node else { throw ProblemFileError.missingField(file: file, path: path) }
        return try optionalNumber(node) ?? .nan
    }

    /// `true`, `false`, or `nil` for an absent field or `null`.
    func bool(_ node: JSONNode?, path: String) throws -> Bool? {
        switch node?.value {
        case nil, .null?: return nil
        case let .bool(b)?: return b
        default: throw ProblemFileError.wrongType(file: file, path: path, expected: "true, false or null")
        }
    }

    /// A non-negative whole number.
    func integer(_ node: JSONNode?, path: String) throws -> Int {
        guard let node else { throw ProblemFileError.missingField(file: file, path: path) }
        let x = try node.number()
        guard x >= 0, x <= 1e15, x.rounded() == x else {
            throw ProblemFileError.wrongType(file: file, path: path, expected: "a non-negative whole number")
        }
        return Int(x)
    }

    /// A class, which must be one of `group`'s; read back as the class of `initial` and `value`
    /// (docs/results.md) when both are finite, else as written.
    func itemClass(_ node: JSONNode?, path: String, group: Group, initial: Double, value: Double) throws -> ItemClass {
        let written: ItemClass = try enumeration(node, path: path)
        guard ItemClass.classes(of: group).contains(written) else {
            throw ProblemFileError.wrongType(file: file, path: path, expected: "a class of a \(group.rawValue) (\(ItemClass.classes(of: group).map(\.rawValue).joined(separator: ", ")))")
        }
        return initial.isFinite && value.isFinite ? ItemClass(group: group, initial: initial, value: value) : written
    }

    func item(_ node: JSONNode) throws -> ItemOutcome {
        let f = try node.members(allowed: ["id", "group", "initial", "value", "class"])
        let group: Group = try enumeration(f["group"], path: "\(node.path).group")
        let initial = try number(f["initial"], path: "\(node.path).initial"), value = try number(f["value"], path: "\(node.path).value")
        return ItemOutcome(id: try f["id"].requiredString(path: "\(node.path).id", file: file), group: group, initial: initial, value: value,
                           class: try itemClass(f["class"], path: "\(node.path).class", group: group, initial: initial, value: value))
    }

    func pull(_ node: JSONNode) throws -> Pull {
        let f = try node.members(allowed: ["id", "contribution"])
        return Pull(id: try f["id"].requiredString(path: "\(node.path).id", file: file),
                    contribution: try number(f["contribution"], path: "\(node.path).contribution"))
    }

    func step(_ node: JSONNode) throws -> TrajectoryStep {
        let f = try node.members(allowed: ["round", "group", "objective", "moved", "largestChange", "classChanges", "classChangeValues",
                                           "classChangePulls"])
        return TrajectoryStep(round: try integer(f["round"], path: "\(node.path).round"),
                              group: try enumeration(f["group"], path: "\(node.path).group"),
                              objective: try number(f["objective"], path: "\(node.path).objective"),
                              moved: try integer(f["moved"], path: "\(node.path).moved"),
                              largestChange: try number(f["largestChange"], path: "\(node.path).largestChange"),
                              classChanges: try f["classChanges"]?.elements().map { try $0.string() } ?? [],
                              classChangeValues: try f["classChangeValues"]?.elements().map { try number($0, path: $0.path) } ?? [],
                              classChangePulls: try f["classChangePulls"]?.elements().map { try $0.elements().map(pull) } ?? [])
    }

    /// A point of a multi-start solve; its items' classes relative to the initial values in `outcomes`.
    func point(_ node: JSONNode, outcomes: [String: ItemOutcome]) throws -> EquilibriumPoint {
        let f = try node.members(allowed: ["objective", "share", "starts", "kktResidual", "scaledResidual", "stable", "items"])
        let items = try f["items"].requiredElements(path: "\(node.path).items", file: file).map { e -> PointItem in
            let g = try e.members(allowed: ["id", "value", "class"])
            let id = try g["id"].requiredString(path: "\(e.path).id", file: file)
            let value = try number(g["value"], path: "\(e.path).value")
            let outcome = outcomes[id]
            let cls: ItemClass = try outcome.map {
                try itemClass(g["class"], path: "\(e.path).class", group: $0.group, initial: $0.initial, value: value)
            } ?? enumeration(g["class"], path: "\(e.path).class")
            return PointItem(id: id, value: value, class: cls)
        }
        return EquilibriumPoint(objective: try number(f["objective"], path: "\(node.path).objective"),
                                share: try number(f["share"], path: "\(node.path).share"),
                                starts: try f["starts"].map { try integer($0, path: $0.path) } ?? 0,
                                kktResidual: try number(f["kktResidual"], path: "\(node.path).kktResidual"),
                                items: items, stable: try bool(f["stable"], path: "\(node.path).stable"),
                                scaledResidual: try optionalNumber(f["scaledResidual"]) ?? .nan)
    }
}

extension ProblemFile {
    /// The bytes of a file to read; a failure is `ProblemFileError.fileAccess` naming it.
    static func contents(of url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw ProblemFileError.fileAccess(file: url.lastPathComponent, reason: "cannot read the file: \(FileFailure.reason(error, url: url))")
        }
    }
}

extension Optional where Wrapped == JSONNode {
    /// The elements of a required array.
    func requiredElements(path: @autoclosure () -> String, file: String) throws -> [JSONNode] {
        guard let node = self else { throw ProblemFileError.missingField(file: file, path: path()) }
        return try node.elements()
    }
}
