/**
 * What generated models implement and what users call. Knows nothing of the compiler.
 *
 * <p>The path of {@code mgc train model.jar}, in calls:
 * <pre>{@code
 * CompiledModel model = Models.load(jar);                       // META-INF/mgc/model.sig + generated class
 * ModelSignature sig = model.signature();
 * TrainConfig config = TrainConfig.builder().setAll(sig.trainDefaults()).set("steps", "200").build();
 * Dataset data = DataSpec.parse(sig.trainDefaults().get("data"), modelDir).load(sig);
 * Dataset.Split split = data.split(config.validationSplit(), config.seed());   // when split > 0
 * double[] params = Initializers.initialize(sig, seed);
 * TrainResult r = new Trainer().train(model, params, split.train(), split.validation(), config, listener);
 * Checkpoint.save(path, sig, r.finalState());                  // or TrainConfig.Builder.checkpoint(path, every)
 * Predictor.writeCsv(out, sig, Predictor.predict(model, r.params(), CsvData.loadInputs(csv, sig)));
 * }</pre>
 * Errors meant for users are unchecked exceptions whose message is the whole story:
 * {@link mgc.runtime.ModelLoadException}, {@link mgc.runtime.data.DataException} ({@code file:line:col: error: ...}),
 * {@link mgc.runtime.spec.SpecException}, {@link mgc.runtime.train.CheckpointException} and
 * {@link mgc.runtime.train.TrainingDivergedException}.
 */
package mgc.runtime;
