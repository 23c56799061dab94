package io.signet.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.ConfigurationReader;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.core.convert.format.ReadableBytesTypeConverter;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.scheduling.annotation.Scheduled;
import io.signet.application.StartupFailure;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A setting that is set must read as the type it is used as, or Signet does not start. Micronaut
 * itself is not strict: a {@code @ConfigurationProperties} record with a {@code @Bindable} default
 * gets the default in place of a value it cannot convert ({@code SIGNET_HEALTH_CHECK_INTERVAL=soon}
 * ran with 1s), a {@code @Value} one stops the start with a message about a constructor parameter,
 * and a {@code @Requires(notEquals = "false")} takes any typo for "on".
 *
 * <p>One check for every setting, from what the compiled beans declare: the properties their
 * constructor, setter and field arguments are bound to, their {@code @Value} and {@code @Scheduled}
 * placeholders, and the boolean switches of their {@code @Requires}. It runs before every other
 * eager bean, so nothing has connected anywhere yet. The line names the property and its
 * environment variable and says what is expected; it never repeats the value, which could be a
 * secret.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
final class SettingsCheck {
  private static final Set<String> SCHEDULE_DELAYS =
      Set.of("fixedDelay", "fixedRate", "initialDelay");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::[^}]*)?}");

  SettingsCheck(ApplicationContext context) {
    check(context.getAllBeanDefinitions(), context.getEnvironment());
  }

  static void check(Collection<BeanDefinition<?>> definitions, Environment environment) {
    for (BeanDefinition<?> definition : definitions) {
      for (Argument<?> argument : definition.getConstructor().getArguments()) {
        check(argument, argument.getAnnotationMetadata(), environment);
      }
      for (var method : definition.getInjectedMethods()) {
        for (Argument<?> argument : method.getArguments()) {
          check(argument, argument.getAnnotationMetadata(), environment);
        }
      }
      checkSetters(definition, environment);
      for (var field : definition.getInjectedFields()) {
        check(field.asArgument(), field.getAnnotationMetadata(), environment);
      }
      for (var method : definition.getExecutableMethods()) {
        for (AnnotationValue<Scheduled> scheduled :
            method.getAnnotationValuesByType(Scheduled.class)) {
          // the raw members: stringValue would already have resolved the placeholder
          scheduled
              .getValues()
              .forEach(
                  (member, raw) -> {
                    if (SCHEDULE_DELAYS.contains(member.toString())) {
                      placeholder(raw.toString())
                          .ifPresent(name -> check(name, Argument.of(Duration.class), environment));
                    }
                  });
        }
      }
      for (AnnotationValue<Requires> requires :
          definition.getAnnotationValuesByType(Requires.class)) {
        Optional<String> property = requires.stringValue("property");
        boolean switchOf =
            isBoolean(requires.stringValue("value").orElse(""))
                || isBoolean(requires.stringValue("notEquals").orElse(""));
        if (property.isPresent() && switchOf) {
          check(property.get(), Argument.of(boolean.class), environment);
        }
      }
    }
  }

  private static void check(
      Argument<?> argument, AnnotationMetadata metadata, Environment environment) {
    Optional<String> name =
        metadata
            .stringValue(Property.class, "name")
            .or(() -> metadata.stringValue(Value.class).flatMap(SettingsCheck::placeholder));
    name.ifPresent(n -> check(n, argument, environment));
  }

  /**
   * The setters of a configuration class, bound to the prefix and the setter's hyphenated name.
   * Classes compiled by Micronaut 4 itself (the server, the graceful shutdown) do not list them as
   * injection points, so they are read from the class.
   */
  private static void checkSetters(BeanDefinition<?> definition, Environment environment) {
    Optional<String> prefix = definition.stringValue(ConfigurationReader.class, "prefix");
    if (prefix.isEmpty()) return;
    Map<String, List<Parameter>> setters = new HashMap<>();
    Method[] methods;
    try {
      methods = definition.getBeanType().getDeclaredMethods();
    } catch (LinkageError absent) {
      // a setter of an optional type that is not on the class path (the server's self-signed
      // certificate builder): Micronaut never calls it, nothing here to check
      return;
    }
    for (Method method : methods) {
      String name = method.getName();
      if (Modifier.isPublic(method.getModifiers())
          && !Modifier.isStatic(method.getModifiers())
          && method.getParameterCount() == 1
          && name.length() > 3
          && name.startsWith("set")) {
        setters
            .computeIfAbsent(
                prefix.get() + "." + NameUtils.hyphenate(NameUtils.decapitalize(name.substring(3))),
                n -> new ArrayList<>())
            .add(method.getParameters()[0]);
      }
    }
    setters.forEach(
        (name, parameters) -> {
          if (parameters.size() != 1) return; // overloaded: which one Micronaut binds is its affair
          Parameter parameter = parameters.getFirst();
          if (parameter.isAnnotationPresent(ReadableBytes.class)) {
            checkBytes(name, environment);
          } else {
            check(name, Argument.of(parameter.getType()), environment);
          }
        });
  }

  private static void checkBytes(String name, Environment environment) {
    if (!environment.containsProperty(name)) return;
    boolean readable =
        environment
            .getProperty(name, String.class)
            .flatMap(
                raw ->
                    new ReadableBytesTypeConverter()
                        .convert(raw, Number.class, ConversionContext.DEFAULT))
            .isPresent();
    if (!readable) refuse(name, "a number of bytes, such as 3145728 or 3MB", environment);
  }

  /**
   * The property of a value that is one placeholder, {@code ${name}} or {@code ${name:default}}.
   */
  static Optional<String> placeholder(String value) {
    Matcher matcher = PLACEHOLDER.matcher(value.strip());
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  private static void check(String name, Argument<?> argument, Environment environment) {
    int wildcard = name.indexOf(".*.");
    if (wildcard >= 0) { // @EachProperty: datasources.*.connection-timeout, for each datasource
      String prefix = name.substring(0, wildcard);
      for (String each : environment.getPropertyEntries(prefix)) {
        check(prefix + "." + each + name.substring(wildcard + 2), argument, environment);
      }
      return;
    }
    if (argument.getAnnotationMetadata().hasAnnotation(ReadableBytes.class)) {
      checkBytes(name, environment);
      return;
    }
    Optional<String> expected = expected(argument.getType());
    if (expected.isEmpty() || !environment.containsProperty(name)) return;
    boolean readable =
        isBoolean(argument.getType())
            ? environment
                .getProperty(name, String.class)
                .filter(SettingsCheck::isBoolean)
                .isPresent()
            : environment.getProperty(name, ConversionContext.of(argument)).isPresent();
    if (!readable) refuse(name, expected.get(), environment);
  }

  private static void refuse(String name, String expected, Environment environment) {
    String setting = origin(name, environment);
    throw new StartupFailure(
        setting + " (" + variable(setting) + ") cannot be read: expected " + expected);
  }

  /**
   * The setting the operator set: the property itself, or the one its value stands for when that
   * value is a placeholder ({@code micronaut.lifecycle.graceful-shutdown.grace-period} is {@code
   * ${signet.shutdown.grace-period:10s}} in application.yml).
   */
  private static String origin(String name, Environment environment) {
    return environment.getPropertySources().stream()
        .filter(source -> source.get(name) != null)
        .max(Comparator.comparingInt(PropertySource::getOrder))
        .map(source -> source.get(name))
        .flatMap(raw -> placeholder(raw.toString()))
        .filter(placeholder -> !placeholder.equals(name))
        .map(placeholder -> origin(placeholder, environment))
        .orElse(name);
  }

  /**
   * What a value of the type looks like, for the types a typo can break; others are not checked.
   */
  static Optional<String> expected(Class<?> type) {
    if (isBoolean(type)) return Optional.of("true or false");
    if (type == Duration.class) {
      return Optional.of("a duration, a number and a unit such as 500ms, 10s, 5m, 1h or 30d");
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return Optional.of("a whole number");
    }
    if (type == double.class || type == Double.class) return Optional.of("a number");
    if (type.isEnum()) {
      return Optional.of(
          "one of "
              + String.join(
                  ", ", Arrays.stream(type.getEnumConstants()).map(Object::toString).toList()));
    }
    return Optional.empty();
  }

  /** The environment variable Micronaut reads for a property. */
  static String variable(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static boolean isBoolean(Class<?> type) {
    return type == boolean.class || type == Boolean.class;
  }

  private static boolean isBoolean(String value) {
    return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
  }
}
