package org.guichet.dossiers.testing;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Instances of DS configuration annotations ({@code @ObjectClassDefinition} types such as PortalConfig), as DS
 * would give a component: each method returns the value given for its property, converted to the method's type,
 * else the method's default value.
 *
 * <p>A property is named as in the .cfg file ({@code documents.dir}, following the DS name mapping: {@code _} is
 * {@code .}, {@code __} is {@code _}, {@code $_$} is {@code -}) or by the method's name ({@code documents_dir}).
 * A name that matches no method is refused, so that a typo cannot silently leave a default in place.
 */
public final class Configs {
    private Configs() { }

    @SuppressWarnings("unchecked")
    public static <A> A config(Class<A> type, Map<String, ?> overrides) {
        if (!type.isAnnotation()) {
            throw new IllegalArgumentException(type.getName() + " is not an annotation type");
        }
        Map<String, Method> byName = new HashMap<>();
        for (Method m : type.getDeclaredMethods()) {
            byName.put(m.getName(), m);
            byName.put(property(m.getName()), m);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            Method m = byName.get(e.getKey());
            if (m == null) {
                Set<String> known = new TreeSet<>();
                Arrays.stream(type.getDeclaredMethods()).forEach(x -> known.add(property(x.getName())));
                throw new IllegalArgumentException(type.getSimpleName() + " has no property '" + e.getKey() + "'; it has "
                        + known);
            }
            values.put(m.getName(), convert(e.getValue(), m.getReturnType(), m.getName()));
        }
        for (Method m : type.getDeclaredMethods()) {
            if (!values.containsKey(m.getName())) {
                Object d = m.getDefaultValue();
                values.put(m.getName(), d != null ? d : convert(null, m.getReturnType(), m.getName()));
            }
        }
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    if (method.getParameterCount() == 0) {
                        return type;
                    }
                    break;
                case "toString":
                    if (method.getParameterCount() == 0) {
                        return "@" + type.getName() + values;
                    }
                    break;
                case "hashCode":
                    if (method.getParameterCount() == 0) {
                        return values.hashCode();
                    }
                    break;
                case "equals":
                    if (method.getParameterCount() == 1) {
                        return proxy == args[0];
                    }
                    break;
                default:
                    break;
            }
            Object v = values.get(method.getName());
            return v != null && v.getClass().isArray() ? cloneArray(v) : v;
        });
    }

    /** The DS property name of an annotation method (OSGi Compendium 112.8.2.2, without PREFIX_). */
    static String property(String method) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (method.startsWith("$_$", i)) {
                out.append('-');
                i += 2;
            } else if (method.startsWith("$$", i)) {
                out.append('$');
                i++;
            } else if (c == '$') {
                // a single dollar is removed
            } else if (method.startsWith("__", i)) {
                out.append('_');
                i++;
            } else if (c == '_') {
                out.append('.');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Object convert(Object v, Class<?> to, String name) {
        if (to.isArray()) {
            Class<?> component = to.getComponentType();
            Object[] items;
            if (v == null) {
                items = new Object[0];
            } else if (v.getClass().isArray()) {
                items = new Object[Array.getLength(v)];
                for (int i = 0; i < items.length; i++) {
                    items[i] = Array.get(v, i);
                }
            } else if (v instanceof Collection<?> c) {
                items = c.toArray();
            } else {
                items = new Object[] {v};
            }
            Object out = Array.newInstance(component, items.length);
            for (int i = 0; i < items.length; i++) {
                Array.set(out, i, convert(items[i], component, name));
            }
            return out;
        }
        if (v == null) {
            if (!to.isPrimitive()) {
                return null;
            }
            v = to == boolean.class ? Boolean.FALSE : to == char.class ? Character.valueOf('\0') : Integer.valueOf(0);
        }
        try {
            if (to == String.class) {
                return String.valueOf(v);
            }
            if (to == boolean.class || to == Boolean.class) {
                return v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString().strip());
            }
            if (to == char.class || to == Character.class) {
                return v instanceof Character ch ? ch : v.toString().charAt(0);
            }
            if (to.isEnum()) {
                return enumValue(to, v.toString().strip());
            }
            if (to == Class.class && v instanceof Class<?>) {
                return v;
            }
            Number n = v instanceof Number num ? num : Double.valueOf(v.toString().strip());
            if (to == int.class || to == Integer.class) {
                return n.intValue();
            }
            if (to == long.class || to == Long.class) {
                return v instanceof Number ? n.longValue() : Long.parseLong(v.toString().strip());
            }
            if (to == double.class || to == Double.class) {
                return n.doubleValue();
            }
            if (to == float.class || to == Float.class) {
                return n.floatValue();
            }
            if (to == short.class || to == Short.class) {
                return n.shortValue();
            }
            if (to == byte.class || to == Byte.class) {
                return n.byteValue();
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("property " + property(name) + ": cannot make a " + to.getSimpleName()
                    + " of " + v, e);
        }
        throw new IllegalArgumentException("property " + property(name) + ": unsupported type " + to.getName());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) {
        return Enum.valueOf((Class<? extends Enum>) type.asSubclass(Enum.class), name);
    }

    private static Object cloneArray(Object array) {
        int n = Array.getLength(array);
        Object copy = Array.newInstance(array.getClass().getComponentType(), n);
        System.arraycopy(array, 0, copy, 0, n);
        return copy;
    }
}
