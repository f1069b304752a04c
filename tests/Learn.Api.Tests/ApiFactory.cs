using Learn.TestSupport;

namespace Learn.Api.Tests;

/// <summary>Learn.Api in-process against a fresh PostgreSQL database and the test Redis.</summary>
public class ApiFactory : LearnWebFactory<Program>;
