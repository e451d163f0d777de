using System.Text;

namespace StatesGen.Generator.Emit
{
    /// <summary>Writes C# with indentation handled for the caller, so emit code reads like the code it writes.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _sb = new StringBuilder();
        private int _indent;

        /// <summary>Writes a line at the current indentation, broken up when it is too long to read (<see cref="LineWrapper"/>).</summary>
        public void Line(string text = "")
        {
            if (text.Length == 0) _sb.Append('\n');
            else LineWrapper.Write(_sb, _indent, text);
        }

        public void Open(string text)
        {
            Line(text);
            Line("{");
            _indent++;
        }

        public void Close(string suffix = "")
        {
            _indent--;
            Line("}" + suffix);
        }

        public void Indent() => _indent++;

        /// <summary>Appends text that is already indented.</summary>
        public void Raw(string text) => _sb.Append(text).Append('\n');

        public void Outdent() => _indent--;

        /// <summary>Writes an XML doc summary, escaping the text and keeping its line breaks.</summary>
        public void Summary(string text)
        {
            Line("/// <summary>");
            foreach (var line in text.Replace("\r\n", "\n").Split('\n')) Line("/// " + Literals.XmlEscape(line));
            Line("/// </summary>");
        }

        public override string ToString() => _sb.ToString();
    }
}
