using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatesGen.Jsonata
{
    // The evaluator's values, as jsonata-js's JavaScript values:
    //   undefined -> C# null; JSON null -> JNull.Value; boolean -> bool; number -> double; string -> string;
    //   object -> JMap; array / sequence -> JList; function -> JFunction.
    // Input JSON is wrapped lazily (JMap over a JsonObject reads members on demand) and never modified.

    /// <summary>JSON null (C# null is JSONata's undefined).</summary>
    internal sealed class JNull
    {
        public static readonly JNull Value = new JNull();
        private JNull() { }
        public override string ToString() => "null";
    }

    /// <summary>A JSON object: ordered members. Either a read-only view over an input <see cref="JsonObject"/> or owned storage.</summary>
    internal sealed class JMap
    {
        // Owned storage: parallel arrays in insertion order, with a dictionary index once the object grows.
        private JsonObject? _source;
        private string[]? _keys;
        private object?[]? _values;
        private int _count;
        private Dictionary<string, int>? _index;

        public JMap() : this(4) { }

        public JMap(int capacity)
        {
            _keys = new string[Math.Max(capacity, 1)];
            _values = new object?[Math.Max(capacity, 1)];
        }

        public JMap(JsonObject source) { _source = source; }

        /// <summary>The input object this map reads, when it was not modified.</summary>
        public JsonObject? Source => _source;

        public int Count => _source != null ? _source.Count : _count;

        private int IndexOf(string key)
        {
            if (_index != null) return _index.TryGetValue(key, out int i) ? i : -1;
            for (int i = 0; i < _count; i++)
                if (string.Equals(_keys![i], key, StringComparison.Ordinal)) return i;
            return -1;
        }

        public bool TryGet(string key, out object? value)
        {
            if (_source != null)
            {
                if (_source.TryGetPropertyValue(key, out var node))
                {
                    value = Values.FromNode(node);
                    return true;
                }
                value = null;
                return false;
            }
            int i = IndexOf(key);
            value = i >= 0 ? _values![i] : null;
            return i >= 0;
        }

        public bool ContainsKey(string key) => _source != null ? _source.ContainsKey(key) : IndexOf(key) >= 0;

        public IEnumerable<string> Keys => KeyList();

        /// <summary>The keys in JavaScript property order: array-index keys first, ascending, then insertion order.</summary>
        public List<string> KeyList()
        {
            List<string> list;
            if (_source != null)
            {
                list = new List<string>(_source.Count);
                foreach (var kv in _source) list.Add(kv.Key);
            }
            else
            {
                list = new List<string>(_count);
                for (int i = 0; i < _count; i++) list.Add(_keys![i]);
            }
            bool anyIndex = false;
            foreach (var k in list) if (IsArrayIndex(k)) { anyIndex = true; break; }
            if (!anyIndex) return list;
            var indexes = new List<string>();
            var others = new List<string>();
            foreach (var k in list) (IsArrayIndex(k) ? indexes : others).Add(k);
            indexes.Sort((a, b) => uint.Parse(a, CultureInfo.InvariantCulture).CompareTo(uint.Parse(b, CultureInfo.InvariantCulture)));
            indexes.AddRange(others);
            return indexes;
        }

        private static bool IsArrayIndex(string k)
        {
            if (k.Length == 0 || k.Length > 10 || k[0] < '0' || k[0] > '9') return false;
            if (k.Length > 1 && k[0] == '0') return false;
            foreach (char c in k) if (c < '0' || c > '9') return false;
            return ulong.Parse(k, CultureInfo.InvariantCulture) < 4294967295UL;
        }

        public IEnumerable<KeyValuePair<string, object?>> Entries
        {
            get
            {
                foreach (var k in KeyList())
                {
                    TryGet(k, out var v);
                    yield return new KeyValuePair<string, object?>(k, v);
                }
            }
        }

        private void Own()
        {
            if (_source == null) return;
            var src = _source;
            _source = null;
            _keys = new string[Math.Max(src.Count, 1)];
            _values = new object?[Math.Max(src.Count, 1)];
            _count = 0;
            foreach (var kv in src) Append(kv.Key, Values.FromNode(kv.Value));
        }

        private void Append(string key, object? value)
        {
            if (_count == _keys!.Length)
            {
                Array.Resize(ref _keys, _count * 2);
                Array.Resize(ref _values, _count * 2);
            }
            _keys[_count] = key;
            _values![_count] = value;
            if (_index != null) _index[key] = _count;
            else if (_count == 8)
            {
                _index = new Dictionary<string, int>(16, StringComparer.Ordinal);
                for (int i = 0; i <= _count; i++) _index[_keys[i]] = i;
            }
            _count++;
        }

        public object? this[string key]
        {
            set
            {
                Own();
                int i = IndexOf(key);
                if (i >= 0) _values![i] = value;
                else Append(key, value);
            }
        }

        public void Remove(string key)
        {
            Own();
            int i = IndexOf(key);
            if (i < 0) return;
            Array.Copy(_keys!, i + 1, _keys!, i, _count - i - 1);
            Array.Copy(_values!, i + 1, _values!, i, _count - i - 1);
            _count--;
            _keys![_count] = null!;
            _values![_count] = null;
            if (_index != null)
            {
                _index.Clear();
                for (int k = 0; k < _count; k++) _index[_keys[k]] = k;
            }
        }
    }

    /// <summary>An array or a sequence, with jsonata-js's flags.</summary>
    internal sealed class JList : List<object?>
    {
        public JList() { }
        public JList(int capacity) : base(capacity) { }
        public JList(IEnumerable<object?> items) : base(items) { }

        /// <summary>A result sequence (not a JSON array value).</summary>
        public bool Sequence;
        public bool KeepSingleton;
        /// <summary>Built by an array constructor (not flattened by path steps).</summary>
        public bool Cons;
        public bool OuterWrapper;
        public bool TupleStream;

        public static JList CreateSequence() => new JList { Sequence = true };

        public static JList CreateSequence(object? item)
        {
            var s = new JList { Sequence = true };
            s.Add(item);
            return s;
        }
    }

    /// <summary>A tuple of a tuple stream: '@' is the context, the rest are variable bindings.</summary>
    internal sealed class JTuple : Dictionary<string, object?>
    {
        public JTuple() : base(StringComparer.Ordinal) { }
        public JTuple(JTuple other) : base(other, StringComparer.Ordinal) { }
        public object? Context => TryGetValue("@", out var v) ? v : null;
    }

    internal static class Values
    {
        public static readonly object True = true;
        public static readonly object False = false;
        private static readonly object[] SmallInts = CreateSmallInts();

        private static object[] CreateSmallInts()
        {
            var a = new object[257];
            for (int i = 0; i < a.Length; i++) a[i] = (double)(i - 1);
            return a;
        }

        public static object Bool(bool b) => b ? True : False;

        public static object Number(double d)
        {
            if (d >= -1 && d <= 255 && d == Math.Floor(d) && !(d == 0 && double.IsNegative(d))) return SmallInts[(int)d + 1];
            return d;
        }

        /// <summary>Wraps a JSON node (lazily for objects).</summary>
        public static object? FromNode(JsonNode? node)
        {
            switch (node)
            {
                case null:
                    return JNull.Value;
                case JsonObject o:
                    return new JMap(o);
                case JsonArray a:
                    {
                        var list = new JList(a.Count);
                        foreach (var item in a) list.Add(FromNode(item));
                        return list;
                    }
                case JsonValue v:
                    return FromValue(v);
                default:
                    return JNull.Value;
            }
        }

        private static object? FromValue(JsonValue v)
        {
            if (v.TryGetValue(out JsonElement e))
            {
                switch (e.ValueKind)
                {
                    case JsonValueKind.String: return e.GetString();
                    case JsonValueKind.Number: return Number(e.GetDouble());
                    case JsonValueKind.True: return True;
                    case JsonValueKind.False: return False;
                    case JsonValueKind.Null: return JNull.Value;
                    case JsonValueKind.Object: return FromNode(JsonObject.Create(e));
                    case JsonValueKind.Array: return FromNode(JsonArray.Create(e));
                    default: return JNull.Value;
                }
            }
            if (v.TryGetValue(out string? s)) return s;
            if (v.TryGetValue(out double d)) return Number(d);
            if (v.TryGetValue(out bool b)) return Bool(b);
            if (v.TryGetValue(out int i)) return Number(i);
            if (v.TryGetValue(out long l)) return Number(l);
            if (v.TryGetValue(out decimal m)) return Number((double)m);
            if (v.TryGetValue(out float f)) return Number(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            switch (v.GetValueKind())
            {
                case JsonValueKind.String:
                    using (var doc = JsonDocument.Parse(v.ToJsonString())) return doc.RootElement.GetString();
                case JsonValueKind.Number:
                    return Number(double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture));
                case JsonValueKind.True: return True;
                case JsonValueKind.False: return False;
                default: return JNull.Value;
            }
        }

        /// <summary>A fresh, parentless JSON tree for a value; false when the value is undefined or a function.</summary>
        public static bool TryToNode(object? value, out JsonNode? node)
        {
            node = null;
            if (value is null || value is JFunction) return false;
            if (value is JList seq && seq.Sequence && seq.Count == 0) return false;
            node = ToNode(value);
            return true;
        }

        public static JsonNode? ToNode(object? value)
        {
            switch (value)
            {
                case null:
                case JNull:
                    return null;
                case bool b:
                    return JsonValue.Create(b);
                case double d:
                    return NumberNode(d);
                case string s:
                    return JsonValue.Create(s);
                case JMap m:
                    {
                        if (m.Source != null) return m.Source.DeepClone();
                        var o = new JsonObject();
                        foreach (var kv in m.Entries)
                        {
                            if (kv.Value is null) continue;
                            o[kv.Key] = kv.Value is JFunction ? JsonValue.Create("") : ToNode(kv.Value);
                        }
                        return o;
                    }
                case JList list:
                    {
                        var a = new JsonArray();
                        foreach (var item in list)
                        {
                            if (item is null) continue;
                            a.Add(item is JFunction ? JsonValue.Create("") : ToNode(item));
                        }
                        return a;
                    }
                case JFunction:
                    return JsonValue.Create("");
                default:
                    return null;
            }
        }

        public static JsonNode NumberNode(double d)
        {
            if (double.IsNaN(d) || double.IsInfinity(d)) throw JsonataErrors.Create("D1001", -1, null, "value", JsonataNumberText.Format(d));
            if (d == Math.Floor(d) && Math.Abs(d) < 9007199254740992d) return JsonValue.Create((long)d);
            string js = JsonataNumberText.Format(d);
            string net = d.ToString("R", CultureInfo.InvariantCulture);
            if (js == net) return JsonValue.Create(d);
            return JsonNode.Parse(js)!;
        }
    }
}
