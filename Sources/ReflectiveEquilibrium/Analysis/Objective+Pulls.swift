extension Objective {
    /// The coherence pulls on item `i` at state `x`: every non-zero `W_ik x_k` with its stacked
    /// index `k`. They sum to `(W x)_i`, the coherence part of the gradient.
    func pulls(on i: Int, at x: [Double]) -> [(index: Int, contribution: Double)] {
        var out: [(Int, Double)] = []
        func add(_ k: Int, _ w: Double) { let v = w * x[k]; if v != 0 { out.append((k, v)) } }
        switch group(of: i) {
        case .judgment:
            for a in 0..<n { add(m + a, alphaJP * self.a[i, a]) }
            if alphaJT != 0, let c { for t in 0..<k { add(m + n + t, alphaJT * c[i, t]) } }
        case .principle:
            let a = i - m
            for j in 0..<m { add(j, alphaJP * self.a[j, a]) }
            if alphaPP != 0, let s { for b in 0..<n where b != a { add(m + b, alphaPP * s[a, b]) } }
            if alphaPT != 0, let b { for t in 0..<k { add(m + n + t, alphaPT * b[a, t]) } }
        case .theory:
            let t = i - m - n
            if alphaPT != 0, let b { for a in 0..<n { add(m + a, alphaPT * b[a, t]) } }
            if alphaJT != 0, let c { for j in 0..<m { add(j, alphaJT * c[j, t]) } }
        }
        return out
    }
}
