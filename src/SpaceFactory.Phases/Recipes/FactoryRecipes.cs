namespace SpaceFactory.Phases.Recipes;

/// <summary>The names of the recipes <c>AddSpaceFactory</c> registers, after the seed's phases.</summary>
public static class FactoryRecipes
{
    /// <summary>Phase 1: a worker in a Job proves it got the token and writes its record into the Bucket.</summary>
    public const string JobSmoke = "job-smoke";

    /// <summary>Phase 2.1: the tiny smoke app as a private Space, deployed and validated.</summary>
    public const string PrivateSpace = "private-space";

    /// <summary>Phase 5: model card → analysis → hardware → app → private Space → live validation.</summary>
    public const string ModelCard = "model-card";

    /// <summary>The seed's second workflow: wait for an existing Space and validate its API N times.</summary>
    public const string ValidateSpace = "validate-space";

    /// <summary>Phase 3: the smoke app, one named safe edit by the Pi coding agent checked by the wrapper, then deployed and validated.</summary>
    public const string PiEdit = "pi-edit";

    /// <summary>Phase 4: the Pi coding agent creates and uploads the private Space with the Hub CLI; the wrapper verifies and validates it.</summary>
    public const string PiRecipe = "pi-recipe";
}
