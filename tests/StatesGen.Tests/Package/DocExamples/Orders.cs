// in=Orders: the diagnostics pages' project, with Workflows/Orders.asl.json (Orders.asl.json next to this file).
public sealed record Order(string OrderId);
public sealed record Customer(string CustomerId);
public sealed record Price(decimal Amount);
