namespace SampleApp.Output;

/// <summary>Prints rows as an aligned text table, like the Step Functions console's Table View.</summary>
internal sealed class TableWriter
{
    private readonly (string Header, bool AlignRight)[] _columns;
    private readonly List<string[]> _rows = [];

    public TableWriter(params (string Header, bool AlignRight)[] columns) => _columns = columns;

    public void AddRow(params string[] cells)
    {
        if (cells.Length != _columns.Length)
            throw new ArgumentException($"Expected {_columns.Length} cells, got {cells.Length}.", nameof(cells));
        _rows.Add(cells);
    }

    public void Write(string indent = "  ")
    {
        var widths = new int[_columns.Length];
        for (int c = 0; c < _columns.Length; c++)
            widths[c] = _rows.Select(row => row[c].Length).Append(_columns[c].Header.Length).Max();

        WriteLine(indent, widths, _columns.Select(column => column.Header).ToArray());
        WriteLine(indent, widths, widths.Select(width => new string('-', width)).ToArray());
        foreach (var row in _rows) WriteLine(indent, widths, row);
    }

    private void WriteLine(string indent, int[] widths, string[] cells)
    {
        var padded = cells.Select((cell, c) => _columns[c].AlignRight ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
        Console.WriteLine((indent + string.Join("  ", padded)).TrimEnd());
    }
}
