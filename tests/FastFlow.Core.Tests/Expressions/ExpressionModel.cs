using System.Globalization;
using System.Numerics;
using System.Text;
using CsCheck;
using FastFlow.Data;

namespace FastFlow.Core.Tests.Expressions;

/// <summary>A test-side model of the expression language: random syntax trees, a printer that
/// uses as few parentheses as precedence allows (plus random extra ones), and a direct reference
/// evaluator written independently of the product's.</summary>
internal static class ExpressionModel
{
    public abstract record Ast;
    public sealed record Lit(object? Value) : Ast;
    public sealed record Input(string Name) : Ast;
    public sealed record Unary(string Op, Ast Operand) : Ast;
    public sealed record Binary(string Op, Ast Left, Ast Right) : Ast;
    public sealed record Call(string Name, Ast[] Args) : Ast;
    public sealed record Index(Ast Target, Ast Key) : Ast;

    /// <summary>What the reference evaluator throws where the product must throw an ExpressionEvaluationException.</summary>
    public sealed class ReferenceError : Exception
    {
        public ReferenceError(string message) : base(message) { }
        public ReferenceError() { }
        public ReferenceError(string message, Exception inner) : base(message, inner) { }
    }

    private static readonly string[] s_inputs = ["n", "f", "name", "items", "map", "flag", "missing", "nothing"];
    private static readonly string[] s_unary = ["!", "not", "-"];
    private static readonly string[] s_binary = ["==", "!=", "<", "<=", ">", ">=", "&&", "and", "||", "or", "in", "not in", "+", "-", "*", "/", "%"];
    private static readonly string[] s_unaryFunctions = ["len", "lower", "upper"];
    private static readonly string[] s_binaryFunctions = ["contains", "startsWith", "endsWith"];

    public static TestContext Context() => new TestContext()
        .Input("n", 5L)
        .Input("f", 1.5)
        .Input("name", "Ada")
        .Input("items", new List<object?> { 1L, "b", null, 2.5 })
        .Input("map", new Dictionary<string, object?> { ["k"] = "v", ["n"] = null })
        .Input("flag", true)
        .Input("nothing", null);

    private static readonly Gen<string> s_text = Gen.String[Gen.Char["ab'\"\\ é}{$k"], 0, 4];

    private static readonly Gen<Ast> s_leaf = Gen.Frequency(
        (3, Gen.Long[-1000, 1000].Select(l => (Ast)new Lit(l))),
        (2, Gen.Int[-4000, 4000].Select(i => (Ast)new Lit(i / 4.0))),
        (2, s_text.Select(s => (Ast)new Lit(s))),
        (1, Gen.Bool.Select(b => (Ast)new Lit(b))),
        (1, Gen.Const((Ast)new Lit(null))),
        (4, Gen.OneOf(s_inputs).Select(n => (Ast)new Input(n))));

    private static readonly Gen<Ast> s_key = Gen.Frequency(
        (2, Gen.Long[-5, 5].Select(l => (Ast)new Lit(l))),
        (1, Gen.OneOf("k", "n", "x").Select(s => (Ast)new Lit(s))),
        (1, Gen.Const((Ast)new Lit(1.0))));

    private static readonly Gen<Ast> s_path = Gen.Frequency(
        (2, Gen.OneOf(s_inputs).Select(n => (Ast)new Input(n))),
        (1, Gen.Select(Gen.OneOf(s_inputs), s_key, (n, k) => (Ast)new Index(new Input(n), k))));

    private static readonly Gen<Ast>[] s_byDepth = BuildGenerators(5);

    /// <summary>Random trees up to <paramref name="depth"/> levels (at most 5).</summary>
    public static Gen<Ast> Tree(int depth) => s_byDepth[depth];

    private static Gen<Ast>[] BuildGenerators(int max)
    {
        var gens = new Gen<Ast>[max + 1];
        gens[0] = s_leaf;
        for (var depth = 1; depth <= max; depth++)
        {
            var child = gens[depth - 1];
            gens[depth] = Gen.Frequency(
                (2, s_leaf),
                (2, Gen.Select(Gen.OneOf(s_unary), child, (op, a) => (Ast)new Unary(op, a))),
                (6, Gen.Select(Gen.OneOf(s_binary), child, child, (op, a, b) => (Ast)new Binary(op, a, b))),
                (1, Gen.Select(Gen.OneOf(s_unaryFunctions), child, (f, a) => (Ast)new Call(f, [a]))),
                (1, Gen.Select(Gen.OneOf(s_binaryFunctions), child, child, (f, a, b) => (Ast)new Call(f, [a, b]))),
                (1, s_path.Select(p => (Ast)new Call("exists", [p]))),
                (1, Gen.Select(child, Gen.Frequency((3, s_key), (1, child)), (t, k) => (Ast)new Index(t, k))));
        }

        return gens;
    }

    // ---- printing ----

    private static int Precedence(Ast ast) => ast switch
    {
        Binary { Op: "||" or "or" } => 1,
        Binary { Op: "&&" or "and" } => 2,
        Unary { Op: "!" or "not" } => 3,
        Binary { Op: "==" or "!=" or "<" or "<=" or ">" or ">=" or "in" or "not in" } => 4,
        Binary { Op: "+" or "-" } => 5,
        Binary => 6,
        Unary => 7,
        // A negative literal reads as a unary minus applied to a number.
        Lit { Value: long l } when l < 0 => 7,
        Lit { Value: double d } when d < 0 || double.IsNegative(d) => 7,
        _ => 8,
    };

    /// <summary>The tree as text; <paramref name="random"/> adds redundant parentheses and varies spacing.</summary>
    public static string Print(Ast ast, Random random)
    {
        var text = new StringBuilder();
        Print(ast, 1, random, text);
        return text.ToString();
    }

    private static void Print(Ast ast, int minimum, Random random, StringBuilder text)
    {
        var parenthesize = Precedence(ast) < minimum || random.Next(8) == 0;
        if (parenthesize)
        {
            text.Append('(');
        }

        switch (ast)
        {
            case Lit lit:
                text.Append(Literal(lit.Value));
                break;
            case Input input:
                text.Append("inputs.").Append(input.Name);
                break;
            case Unary unary:
                text.Append(unary.Op);
                if (unary.Op == "not" || unary.Op == "-" || random.Next(2) == 0)
                {
                    text.Append(' ');
                }

                Print(unary.Operand, unary.Op == "-" ? 7 : 3, random, text);
                break;
            case Binary binary:
                var precedence = Precedence(binary);
                var (left, right) = precedence switch
                {
                    1 or 2 or 5 or 6 => (precedence, precedence + 1),
                    _ => (5, 5),
                };
                Print(binary.Left, left, random, text);
                text.Append(random.Next(4) == 0 ? "\n  " : " ").Append(binary.Op).Append(' ');
                Print(binary.Right, right, random, text);
                break;
            case Call call:
                text.Append(call.Name).Append('(');
                for (var i = 0; i < call.Args.Length; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }

                    Print(call.Args[i], 1, random, text);
                }

                text.Append(')');
                break;
            case Index index:
                Print(index.Target, 8, random, text);
                text.Append('[');
                Print(index.Key, 1, random, text);
                text.Append(']');
                break;
        }

        if (parenthesize)
        {
            text.Append(')');
        }
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => PlainData.FormatDouble(d),
        string s => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'",
        _ => throw new ArgumentException("not a literal", nameof(value)),
    };

    // ---- reference evaluation ----

    public static object? Evaluate(Ast ast, TestContext context) => ast switch
    {
        Lit lit => lit.Value,
        Input input => context.Inputs.TryGetValue(input.Name, out var v) ? v : null,
        Unary { Op: "-" } unary => Negate(Evaluate(unary.Operand, context)),
        Unary unary => !PlainData.IsTruthy(Evaluate(unary.Operand, context)),
        Binary { Op: "&&" or "and" } b => PlainData.IsTruthy(Evaluate(b.Left, context)) && PlainData.IsTruthy(Evaluate(b.Right, context)),
        Binary { Op: "||" or "or" } b => PlainData.IsTruthy(Evaluate(b.Left, context)) || PlainData.IsTruthy(Evaluate(b.Right, context)),
        Binary b => Apply(b.Op, Evaluate(b.Left, context), Evaluate(b.Right, context)),
        Call { Name: "exists" } call => TryResolve(call.Args[0], context, out _),
        Call call => CallFunction(call.Name, call.Args.Select(a => Evaluate(a, context)).ToArray()),
        Index index => Evaluate(index.Target, context) is var target && target is List<object?> or Dictionary<string, object?>
            && TryStep(target, Evaluate(index.Key, context), out var item) ? item : null,
        _ => throw new ArgumentException("unknown node", nameof(ast)),
    };

    private static bool TryResolve(Ast path, TestContext context, out object? value)
    {
        switch (path)
        {
            case Input input:
                return context.Inputs.TryGetValue(input.Name, out value);
            case Index index:
                if (!TryResolve(index.Target, context, out var target) || target is not (List<object?> or Dictionary<string, object?>))
                {
                    value = null;
                    return false;
                }

                return TryStep(target, Evaluate(index.Key, context), out value);
            default:
                throw new ArgumentException("not a path", nameof(path));
        }
    }

    private static bool TryStep(object? target, object? key, out object? value)
    {
        value = null;
        switch (target, key)
        {
            case (Dictionary<string, object?> map, string name):
                return map.TryGetValue(name, out value);
            case (List<object?> list, long or double):
                var d = Convert.ToDouble(key, CultureInfo.InvariantCulture);
                if (Math.Floor(d) != d)
                {
                    return false;
                }

                var i = (long)d;
                if (i < 0)
                {
                    i += list.Count;
                }

                if (i < 0 || i >= list.Count)
                {
                    return false;
                }

                value = list[(int)i];
                return true;
            default:
                return false;
        }
    }

    private static object? Apply(string op, object? a, object? b)
    {
        switch (op)
        {
            case "==":
                return PlainData.DeepEquals(a, b);
            case "!=":
                return !PlainData.DeepEquals(a, b);
            case "<" or "<=" or ">" or ">=":
                var order = Order(a, b, out var unordered);
                if (unordered)
                {
                    return false;
                }

                return op switch { "<" => order < 0, "<=" => order <= 0, ">" => order > 0, _ => order >= 0 };
            case "in":
                return In(b, a);
            case "not in":
                return !In(b, a);
            default:
                return Arithmetic(op, a, b);
        }
    }

    private static int Order(object? a, object? b, out bool unordered)
    {
        unordered = false;
        switch (a, b)
        {
            case (string x, string y):
                return string.CompareOrdinal(x, y);
            case (long x, long y):
                return x.CompareTo(y);
            case (double x, double y):
                unordered = double.IsNaN(x) || double.IsNaN(y);
                return x.CompareTo(y);
            case (long x, double y):
                unordered = double.IsNaN(y);
                return unordered ? 0 : CompareExact(x, y);
            case (double x, long y):
                unordered = double.IsNaN(x);
                return unordered ? 0 : -CompareExact(y, x);
            default:
                throw new ReferenceError("cannot order");
        }
    }

    private static int CompareExact(long l, double d)
    {
        if (double.IsInfinity(d))
        {
            return d > 0 ? -1 : 1;
        }

        var floor = Math.Floor(d);
        var compared = new BigInteger(l).CompareTo(new BigInteger(floor));
        return compared != 0 ? compared : d == floor ? 0 : -1;
    }

    private static bool In(object? container, object? item) => container switch
    {
        null => false,
        List<object?> list => list.Any(x => PlainData.DeepEquals(x, item)),
        string s => item is string t ? s.Contains(t, StringComparison.Ordinal) : throw new ReferenceError("substring of non-string"),
        Dictionary<string, object?> map => item is string k ? map.ContainsKey(k) : throw new ReferenceError("non-string key"),
        _ => throw new ReferenceError("not a container"),
    };

    private static object? Negate(object? value) => value switch
    {
        // The casts keep C# from widening the integer arm to double.
        long l => l == long.MinValue ? throw new ReferenceError("overflow") : (object)(-l),
        double d => (object)(-d),
        _ => throw new ReferenceError("negate"),
    };

    private static object? Arithmetic(string op, object? a, object? b)
    {
        try
        {
            return (op, a, b) switch
            {
                ("+", long x, long y) => checked(x + y),
                ("-", long x, long y) => checked(x - y),
                ("*", long x, long y) => checked(x * y),
                ("%", long _, 0L) => throw new ReferenceError("zero"),
                ("%", long _, -1L) => 0L,
                ("%", long x, long y) => x % y,
                ("+", string x, string y) => x + y,
                ("+", List<object?> x, List<object?> y) => x.Concat(y).ToList(),
                (_, long or double, long or double) => Floating(op, Convert.ToDouble(a, CultureInfo.InvariantCulture), Convert.ToDouble(b, CultureInfo.InvariantCulture)),
                _ => throw new ReferenceError("types"),
            };
        }
        catch (OverflowException)
        {
            throw new ReferenceError("overflow");
        }
    }

    private static double Floating(string op, double x, double y) => op switch
    {
        "+" => x + y,
        "-" => x - y,
        "*" => x * y,
        "/" => y == 0 ? throw new ReferenceError("zero") : x / y,
        _ => y == 0 ? throw new ReferenceError("zero") : x % y,
    };

    private static object? CallFunction(string name, object?[] args) => (name, args) switch
    {
        ("len", [null]) => 0L,
        ("len", [string s]) => (long)s.Length,
        ("len", [List<object?> l]) => (long)l.Count,
        ("len", [Dictionary<string, object?> m]) => (long)m.Count,
        ("lower" or "upper", [null]) => null,
        ("lower", [string s]) => s.ToLowerInvariant(),
        ("upper", [string s]) => s.ToUpperInvariant(),
        ("contains", [var container, var item]) => In(container, item),
        ("startsWith" or "endsWith", [_, not string]) => throw new ReferenceError("affix"),
        ("startsWith" or "endsWith", [null, _]) => false,
        ("startsWith", [string s, string p]) => s.StartsWith(p, StringComparison.Ordinal),
        ("endsWith", [string s, string p]) => s.EndsWith(p, StringComparison.Ordinal),
        _ => throw new ReferenceError("function types"),
    };
}
